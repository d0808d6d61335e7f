/// Σ pᵢ (or Σ pᵢ² with `squares`) over n Floats, returned in Double.
///
/// Sixteen Float lanes accumulate blocks of at most 256 values (so each
/// lane adds at most 16 terms), and blocks are combined in Double: the error
/// stays near Float's rounding of the result however long the sum (a plain
/// Float loop drifts by O(n·ε)), while the loop is vectorised instead of one
/// dependent Double add per value. The order is fixed: bit-reproducible.
@inline(__always)
func blockSum(_ p: UnsafePointer<Float>, _ n: Int, squares: Bool = false) -> Double {
    var total = 0.0
    var start = 0
    while start < n {
        let end = min(start + 256, n)
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>()
        var i = start
        while i + 16 <= end {
            let v0 = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
            let v1 = UnsafeRawPointer(p + i + 8).loadUnaligned(as: SIMD8<Float>.self)
            a0 += squares ? v0 * v0 : v0
            a1 += squares ? v1 * v1 : v1
            i += 16
        }
        var s = Double((a0 + a1).sum())
        while i < end {
            s += squares ? Double(p[i]) * Double(p[i]) : Double(p[i])
            i += 1
        }
        total += s
        start = end
    }
    return total
}

/// dst[c] (=, or += unless `overwrite`) Σ_r src[r·cols + c]: column sums of a
/// row-major matrix (bias gradients, sums over the batch).
///
/// Sixteen columns at a time are summed down the rows in a register, instead
/// of adding each row into `dst` (a store-to-load chain through memory per
/// row). Each column is still summed in row order, so the result is the same
/// as the plain loop's, bit for bit.
@inline(__always)
func columnSums(_ src: UnsafePointer<Float>, rows: Int, cols: Int,
                into dst: UnsafeMutablePointer<Float>, overwrite: Bool) {
    var c = 0
    while c + 16 <= cols {
        var acc = UnsafeRawPointer(src + c).loadUnaligned(as: SIMD16<Float>.self)
        for r in 1..<max(rows, 1) {
            acc += UnsafeRawPointer(src + r * cols + c).loadUnaligned(as: SIMD16<Float>.self)
        }
        let out = UnsafeMutableRawPointer(dst + c)
        if !overwrite { acc += out.loadUnaligned(as: SIMD16<Float>.self) }
        out.storeBytes(of: acc, as: SIMD16<Float>.self)
        c += 16
    }
    while c < cols {
        var s = src[c]
        for r in 1..<max(rows, 1) { s += src[r * cols + c] }
        dst[c] = overwrite ? s : dst[c] + s
        c += 1
    }
}
