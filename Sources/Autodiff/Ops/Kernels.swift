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
