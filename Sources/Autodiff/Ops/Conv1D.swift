/// 1-D convolution over the time axis (rows) of a `[T, Cin]` signal, as
/// EPG's loss network reads its buffer of past steps:
///
///     out[t, o] = b[o] + Σ_{j<k} Σ_{c<Cin} x[t·s + j, c] · W[j·Cin + c, o]
///
/// giving `[⌊(T − k)/s⌋ + 1, Cout]`. Rows of a row-major `[T, Cin]` signal are
/// contiguous, so the k rows under window t are one contiguous run of k·Cin
/// values: im2col is one copy per output step, then a single sgemm.
/// Pullback: ∂W = colsᵀ·G, ∂b = Σ_t G, ∂cols = G·Wᵀ scattered back onto x.
///
/// Weights are `[k·Cin, Cout]` (tap-major: row j·Cin + c is tap j, channel c).
public func conv1d(_ x: Tensor, _ w: Tensor, _ b: Tensor?, kernel: Int, stride: Int = 1) -> Tensor {
    x.tape.conv1d(x, w, b, kernel: kernel, stride: stride)
}

extension Tape {
    func conv1d(_ x: Tensor, _ w: Tensor, _ b: Tensor?, kernel k: Int, stride s: Int) -> Tensor {
        let xn = node(x).pointee, wn = node(w).pointee
        let t = xn.rows, cin = xn.cols, cout = wn.cols
        require(k > 0 && s > 0, "conv1d: kernel \(k) and stride \(s) must be positive")
        require(t >= k, "conv1d: signal of \(t) steps is shorter than the kernel (\(k))")
        require(wn.rows == k * cin, "conv1d: weight [\(wn.rows), \(wn.cols)] should be [\(k * cin), Cout] for kernel \(k) over \(cin) channels")
        let steps = (t - k) / s + 1
        var needsGrad = xn.grad != nil || wn.grad != nil
        var bias: UnsafeMutablePointer<Float>?
        if let b {
            let bn = node(b).pointee
            require(bn.rows == 1 && bn.cols == cout, "conv1d: bias [\(bn.rows), \(bn.cols)] for \(cout) channels")
            bias = bn.value
            needsGrad = needsGrad || bn.grad != nil
        }
        let width = k * cin
        let cols = scratch(steps * width)
        for i in 0..<steps { (cols + i * width).update(from: xn.value + i * s * cin, count: width) }
        let out = record(rows: steps, cols: cout,
                         op: .conv1d(x: x.id, w: w.id, b: b?.id ?? -1, kernel: Int32(k), stride: Int32(s)),
                         needsGrad: needsGrad, aux: UnsafeMutableRawPointer(cols))
        let y = nodes[Int(out.id)].value
        if let bias { for i in 0..<steps { (y + i * cout).update(from: bias, count: cout) } }
        gemm(false, false, m: steps, n: cout, k: width, cols, lda: width, wn.value, ldb: cout,
             beta: bias == nil ? 0 : 1, y, ldc: cout)
        return out
    }

    func pullbackConv1D(_ x: Int32, _ w: Int32, _ b: Int32, kernel k: Int32, stride s: Int32, _ node: Node) {
        let g = node.grad!
        let cols = node.aux!.assumingMemoryBound(to: Float.self)
        let xn = nodes[Int(x)], wn = nodes[Int(w)]
        let steps = node.rows, cout = node.cols, cin = xn.cols, width = Int(k) * cin
        if let (dw, ow) = sink(w) {
            gemm(true, false, m: width, n: cout, k: steps, cols, lda: width, g, ldb: cout,
                 beta: ow ? 0 : 1, dw, ldc: cout)
        }
        if b >= 0, let (db, ow) = sink(b) {
            columnSums(g, rows: steps, cols: cout, into: db, overwrite: ow)
        }
        if let dx = accumulatingSink(x) {
            let dcols = scratch(steps * width)
            gemm(false, true, m: steps, n: width, k: cout, g, lda: cout, wn.value, ldb: cout,
                 beta: 0, dcols, ldc: width)
            for i in 0..<steps {
                let d = dx + i * Int(s) * cin, dc = dcols + i * width
                for j in 0..<width { d[j] += dc[j] }
            }
        }
    }
}
