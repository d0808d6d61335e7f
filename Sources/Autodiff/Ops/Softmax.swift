/// Row-wise softmax and log-softmax, computed stably around each row's max.
///
/// log-softmax: yᵢ = xᵢ − m − ln Σⱼ e^{xⱼ − m}; pullback ∂xᵢ = gᵢ − pᵢ Σⱼ gⱼ
/// with p = e^y. softmax: pullback ∂xᵢ = pᵢ (gᵢ − Σⱼ gⱼ pⱼ).
extension Tensor {
    /// Row-wise log-softmax (log-probabilities from logits).
    public func logSoftmax() -> Tensor { tape.softmaxFamily(self, log: true) }
    /// Row-wise softmax (probabilities from logits).
    public func softmax() -> Tensor { tape.softmaxFamily(self, log: false) }
}

extension Tape {
    func softmaxFamily(_ x: Tensor, log: Bool) -> Tensor {
        let xn = node(x).pointee
        let rows = xn.rows, cols = xn.cols
        let out = record(rows: rows, cols: cols, op: log ? .logSoftmax(x.id) : .softmax(x.id),
                         needsGrad: xn.grad != nil)
        let y = nodes[Int(out.id)].value
        for r in 0..<rows {
            let v = xn.value + r * cols, yr = y + r * cols
            var m = v[0]
            for c in 1..<max(cols, 1) where v[c] > m { m = v[c] }
            var s: Float = 0
            for c in 0..<cols {
                yr[c] = fastExp(v[c] - m)
                s += yr[c]
            }
            if log {
                // (x − m) − ln s, not x − (m + ln s): both terms stay small,
                // so large logits keep full precision.
                let logS = fastLog(s)
                for c in 0..<cols { yr[c] = (v[c] - m) - logS }
            } else {
                let inv = 1 / s
                for c in 0..<cols { yr[c] *= inv }
            }
        }
        return out
    }

    func pullbackLogSoftmax(_ x: Int32, _ node: Node) {
        guard let (dx, ow) = sink(x) else { return }
        let cols = node.cols, g = node.grad!, y = node.value
        for r in 0..<node.rows {
            let gr = g + r * cols, yr = y + r * cols
            var s: Float = 0
            for c in 0..<cols { s += gr[c] }
            store(dx + r * cols, ow, cols) { gr[$0] - fastExp(yr[$0]) * s }
        }
    }

    func pullbackSoftmax(_ x: Int32, _ node: Node) {
        guard let (dx, ow) = sink(x) else { return }
        let cols = node.cols, g = node.grad!, y = node.value
        for r in 0..<node.rows {
            let gr = g + r * cols, yr = y + r * cols
            var s: Float = 0
            for c in 0..<cols { s += gr[c] * yr[c] }
            store(dx + r * cols, ow, cols) { yr[$0] * (gr[$0] - s) }
        }
    }
}
