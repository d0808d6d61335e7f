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
        if log && cols == 2 {
            logSoftmaxPairs(xn.value, y, rows: rows)
            return out
        }
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

    /// log-softmax of two columns (a two-action policy), row by row as the
    /// general loop computes it — the same operations, so the same bits —
    /// written without the inner loops so that it vectorises across rows.
    private func logSoftmaxPairs(_ v: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int) {
        for r in 0..<rows {
            let a = v[2 * r], b = v[2 * r + 1]
            let m = b > a ? b : a
            let s = (0 + fastExp(a - m)) + fastExp(b - m)
            let logS = fastLog(s)
            y[2 * r] = (a - m) - logS
            y[2 * r + 1] = (b - m) - logS
        }
    }

    func pullbackLogSoftmax(_ x: Int32, _ node: Node) {
        guard let (dx, ow) = sink(x) else { return }
        let cols = node.cols, g = node.grad!, y = node.value
        if cols == 2 {
            for r in 0..<node.rows {
                let g0 = g[2 * r], g1 = g[2 * r + 1]
                let s = (0 + g0) + g1
                let d0 = g0 - fastExp(y[2 * r]) * s, d1 = g1 - fastExp(y[2 * r + 1]) * s
                if ow {
                    dx[2 * r] = d0
                    dx[2 * r + 1] = d1
                } else {
                    dx[2 * r] += d0
                    dx[2 * r + 1] += d1
                }
            }
            return
        }
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
