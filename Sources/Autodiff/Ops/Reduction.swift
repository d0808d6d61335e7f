/// Sums and means, in total or along one axis.
///
/// Axis 0 reduces over rows (`[R, C] → [1, C]`, e.g. a mean over the batch);
/// axis 1 over columns (`[R, C] → [R, 1]`, e.g. a log-prob summed over action
/// dimensions). Totals accumulate in Double so a mean over thousands of
/// samples does not lose precision.
extension Tensor {
    /// Σ of all elements, 1 × 1.
    public func sum() -> Tensor { tape.reduceAll(self, mean: false) }
    /// Mean of all elements, 1 × 1.
    public func mean() -> Tensor { tape.reduceAll(self, mean: true) }
    /// Σ along `axis` (0: over rows → [1, C]; 1: over columns → [R, 1]).
    public func sum(axis: Int) -> Tensor { tape.reduce(self, axis: axis, mean: false) }
    /// Mean along `axis` (0: over rows → [1, C]; 1: over columns → [R, 1]).
    public func mean(axis: Int) -> Tensor { tape.reduce(self, axis: axis, mean: true) }
}

extension Tape {
    func reduceAll(_ x: Tensor, mean: Bool) -> Tensor {
        let xn = node(x).pointee
        let out = record(rows: 1, cols: 1, op: mean ? .meanAll(x.id) : .sumAll(x.id), needsGrad: xn.grad != nil)
        let v = xn.value
        let s = blockSum(v, xn.count)
        nodes[Int(out.id)].value[0] = Float(mean ? s / Double(xn.count) : s)
        return out
    }

    /// ∂L/∂x = g · scale everywhere.
    func pullbackSumAll(_ x: Int32, scale: Float, _ node: Node) {
        guard let (dx, ow) = sink(x) else { return }
        let v = node.grad![0] * scale
        store(dx, ow, nodes[Int(x)].count) { _ in v }
    }

    func reduce(_ x: Tensor, axis: Int, mean: Bool) -> Tensor {
        require(axis == 0 || axis == 1, "sum/mean axis must be 0 (rows) or 1 (columns), got \(axis)")
        let xn = node(x).pointee
        let rows = xn.rows, cols = xn.cols
        let out = record(rows: axis == 0 ? 1 : rows, cols: axis == 0 ? cols : 1,
                         op: .sumAxis(x.id, axis: Int8(axis), mean: mean), needsGrad: xn.grad != nil)
        let y = nodes[Int(out.id)].value, v = xn.value
        if axis == 0 {
            columnSums(v, rows: rows, cols: cols, into: y, overwrite: true)
            if mean {
                let s = 1 / Float(rows)
                for c in 0..<cols { y[c] *= s }
            }
        } else {
            for r in 0..<rows {
                let vr = v + r * cols
                var s: Float = 0
                for c in 0..<cols { s += vr[c] }
                y[r] = mean ? s / Float(cols) : s
            }
        }
        return out
    }

    func pullbackSumAxis(_ x: Int32, axis: Int8, mean: Bool, _ node: Node) {
        guard let (dx, ow) = sink(x) else { return }
        let rows = nodes[Int(x)].rows, cols = nodes[Int(x)].cols
        let g = node.grad!
        let scale: Float = mean ? 1 / Float(axis == 0 ? rows : cols) : 1
        for r in 0..<rows {
            let d = dx + r * cols
            if axis == 0 {
                store(d, ow, cols) { g[$0] * scale }
            } else {
                let v = g[r] * scale
                store(d, ow, cols) { _ in v }
            }
        }
    }
}
