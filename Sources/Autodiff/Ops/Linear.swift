/// The fused affine layer y = f(x·W + b) behind `Dense`: one node instead of
/// three, one pass over the output, no pre-activation kept (f′ comes from y).
///
/// Pullback with G = ∂L/∂y: Z = G ⊙ f′ (in place in G, which nothing reads
/// afterwards), ∂L/∂W = xᵀ·Z, ∂L/∂b = Σ_rows Z, ∂L/∂x = Z·Wᵀ.
public func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor?, activation: Activation = .identity) -> Tensor {
    x.tape.linear(x, w, b, activation)
}

extension Tape {
    func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor?, _ act: Activation) -> Tensor {
        let xn = node(x).pointee, wn = node(w).pointee
        require(xn.cols == wn.rows, "linear: input [\(xn.rows), \(xn.cols)] · weight [\(wn.rows), \(wn.cols)]")
        if case .leakyRelu(let a) = act { require(a >= 0, "linear: leaky relu needs α ≥ 0, got \(a)") }
        let rows = xn.rows, outs = wn.cols
        var bias: UnsafeMutablePointer<Float>?
        var needsGrad = xn.grad != nil || wn.grad != nil
        if let b {
            let bn = node(b).pointee
            require(bn.rows == 1 && bn.cols == outs, "linear: bias [\(bn.rows), \(bn.cols)] for \(outs) outputs")
            bias = bn.value
            needsGrad = needsGrad || bn.grad != nil
        }
        let out = record(rows: rows, cols: outs, op: .linear(x: x.id, w: w.id, b: b?.id ?? -1, act),
                         needsGrad: needsGrad)
        let y = nodes[Int(out.id)].value
        // y = b + x·W: the bias rows first and the product added onto them (β = 1), which spares
        // BLAS its pass that zeroes y. The same one rounding as x·W + b, so the same bits.
        if let bias {
            for r in 0..<rows {
                let yr = y + r * outs
                for c in 0..<outs { yr[c] = bias[c] }
            }
        }
        gemm(false, false, m: rows, n: outs, k: xn.cols, xn.value, lda: xn.cols, wn.value, ldb: outs,
             beta: bias == nil ? 0 : 1, y, ldc: outs)
        act.apply(y, rows * outs)
        return out
    }

    func pullbackLinear(_ x: Int32, _ w: Int32, _ b: Int32, _ act: Activation, _ node: Node) {
        let g = node.grad!
        let rows = node.rows, outs = node.cols
        act.backprop(g, output: node.value, rows * outs)
        let xn = nodes[Int(x)], wn = nodes[Int(w)]
        let ins = xn.cols
        if let (dw, ow) = sink(w) {
            gemm(true, false, m: ins, n: outs, k: rows, xn.value, lda: ins, g, ldb: outs,
                 beta: ow ? 0 : 1, dw, ldc: outs)
        }
        if b >= 0, let (db, ow) = sink(b) {
            columnSums(g, rows: rows, cols: outs, into: db, overwrite: ow)
        }
        if let (dx, ow) = sink(x) {
            gemm(false, true, m: rows, n: ins, k: outs, g, lda: outs, wn.value, ldb: outs,
                 beta: ow ? 0 : 1, dx, ldc: ins)
        }
    }
}
