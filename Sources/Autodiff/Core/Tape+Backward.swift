extension Tape {
    /// Reverse pass from a scalar loss: afterwards every trainable parameter
    /// set read in this step holds ∂loss/∂θ in its `gradients` (replacing what
    /// was there, or added to it when `accumulate` is true), and every
    /// `variable` holds ∂loss/∂x (read with `gradient(of:)`).
    public func backward(_ loss: Tensor, accumulate: Bool = false) {
        let ln = node(loss)
        require(ln.pointee.count == 1,
                "backward needs a 1 × 1 loss, got [\(loss.rows), \(loss.cols)]; reduce it with sum() or mean()")
        backward(from: loss, accumulate: accumulate) { $0[0] = 1 }
    }

    /// Reverse pass seeded with an upstream gradient ∂loss/∂output of the
    /// output's shape (a vector–Jacobian product).
    public func backward(from output: Tensor, seed: UnsafeBufferPointer<Float>,
                         accumulate: Bool = false) {
        require(seed.count == output.count,
                "backward seed has \(seed.count) values for a [\(output.rows), \(output.cols)] output")
        backward(from: output, accumulate: accumulate) { g in
            g.update(from: seed.baseAddress!, count: seed.count)
        }
    }

    private func backward(from output: Tensor, accumulate: Bool,
                          seed: (UnsafeMutablePointer<Float>) -> Void) {
        let out = node(output)
        if !accumulate {
            for k in 0..<boundCount { boundSets[k].takeUnretainedValue().zeroGradients() }
        }
        for i in 0..<nodeCount where !nodes[i].isParameter { nodes[i].gradWritten = false }
        guard let g = out.pointee.grad else { return } // depends on nothing trainable
        if out.pointee.isParameter {
            // The output is a parameter itself: add the seed to its gradient.
            let tmp = scratch(out.pointee.count)
            seed(tmp)
            for k in 0..<out.pointee.count { g[k] += tmp[k] }
            return
        }
        seed(g)
        out.pointee.gradWritten = true
        var i = Int(output.id)
        while i >= 0 {
            let n = nodes[i]
            if n.gradWritten, n.grad != nil, !n.isParameter {
                if let fault { inject(fault, into: n) }
                pullback(n)
            }
            i -= 1
        }
    }

    /// Runs the pullback of one node: adds its contribution to each operand's
    /// gradient. The math of each op sits beside its forward, in `Ops/`.
    @inline(__always)
    private func pullback(_ n: Node) {
        switch n.op {
        case .leaf: break
        case let .unary(kind, x): pullbackUnary(kind, x, n)
        case let .binary(kind, a, b): pullbackBinary(kind, a, b, n)
        case let .matmul(a, b, ta, tb): pullbackMatmul(a, b, ta, tb, n)
        case let .linear(x, w, b, act): pullbackLinear(x, w, b, act, n)
        case let .sumAll(x): pullbackSumAll(x, scale: 1, n)
        case let .meanAll(x): pullbackSumAll(x, scale: 1 / Float(nodes[Int(x)].count), n)
        case let .sumAxis(x, axis, mean): pullbackSumAxis(x, axis: axis, mean: mean, n)
        case let .reshape(x): pullbackReshape(x, n)
        case let .transpose(x): pullbackTranspose(x, n)
        case let .concat(count, axis): pullbackConcat(count: count, axis: axis, n)
        case let .sliceRows(x, start): pullbackSliceRows(x, start: start, n)
        case let .sliceColumns(x, start): pullbackSliceColumns(x, start: start, n)
        case let .repeatRows(x): pullbackRepeatRows(x, n)
        case let .gatherRows(x): pullbackGatherRows(x, n)
        case let .pick(x): pullbackPick(x, n)
        case let .logSoftmax(x): pullbackLogSoftmax(x, n)
        case let .softmax(x): pullbackSoftmax(x, n)
        case let .conv1d(x, w, b, k, s): pullbackConv1D(x, w, b, kernel: k, stride: s, n)
        }
    }

    private func inject(_ fault: PullbackFault, into n: Node) {
        if case let .scaleUpstream(family, factor) = fault, n.op.family == family, let g = n.grad {
            for k in 0..<n.count { g[k] *= factor }
        }
    }

    // MARK: Helpers for pullbacks

    /// Where an operand's gradient goes: nil when it needs none. `overwrite`
    /// is true for the first contribution in this pass (write, don't add).
    @inline(__always)
    func sink(_ id: Int32) -> (g: UnsafeMutablePointer<Float>, overwrite: Bool)? {
        let p = nodes + Int(id)
        guard let g = p.pointee.grad else { return nil }
        let overwrite = !p.pointee.gradWritten
        p.pointee.gradWritten = true
        return (g, overwrite)
    }

    /// Like `sink`, for pullbacks that add into only part of the operand's
    /// gradient (slices, gathers): a fresh buffer is zeroed first.
    @inline(__always)
    func accumulatingSink(_ id: Int32) -> UnsafeMutablePointer<Float>? {
        guard let (g, overwrite) = sink(id) else { return nil }
        if overwrite { g.update(repeating: 0, count: nodes[Int(id)].count) }
        return g
    }
}

/// Writes (`overwrite`) or adds `f(i)` into `dst[0..<n]`; the closure is
/// inlined so each use compiles to one vectorisable loop.
@inline(__always)
func store(_ dst: UnsafeMutablePointer<Float>, _ overwrite: Bool, _ n: Int, _ f: (Int) -> Float) {
    if overwrite {
        for i in 0..<n { dst[i] = f(i) }
    } else {
        for i in 0..<n { dst[i] += f(i) }
    }
}
