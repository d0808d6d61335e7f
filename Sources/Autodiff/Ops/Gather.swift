/// Selecting by index: whole rows (minibatch sampling) or one column per row
/// (the log-probability of the action each sample took). Pullbacks scatter
/// the gradient back, adding where an index repeats.
extension Tensor {
    /// Rows `indices` in that order: `[R, C] → [indices.count, C]`.
    public func gatherRows(_ indices: [Int]) -> Tensor {
        indices.withUnsafeBufferPointer { tape.gatherRows(self, $0) }
    }

    /// Rows by index from a buffer (no array needed).
    public func gatherRows(_ indices: UnsafeBufferPointer<Int32>) -> Tensor {
        tape.gatherRows(self, indices)
    }

    /// out[i] = self[i, columns[i]]: `[R, C] → [R, 1]` (e.g. log π(aᵢ|sᵢ)
    /// picked from a `[batch, actions]` log-softmax).
    public func pick(columns: [Int]) -> Tensor {
        columns.withUnsafeBufferPointer { tape.pick(self, $0) }
    }

    /// Per-row column pick from a buffer (no array needed).
    public func pick(columns: UnsafeBufferPointer<Int32>) -> Tensor {
        tape.pick(self, columns)
    }
}

extension Tape {
    func gatherRows<I: BinaryInteger>(_ x: Tensor, _ idx: UnsafeBufferPointer<I>) -> Tensor {
        let xn = node(x).pointee
        require(!idx.isEmpty, "gatherRows with no indices")
        let ids = storeIndices(idx, bound: xn.rows, what: "gatherRows")
        let cols = xn.cols
        let out = record(rows: idx.count, cols: cols, op: .gatherRows(x.id), needsGrad: xn.grad != nil,
                         aux: UnsafeMutableRawPointer(ids))
        let y = nodes[Int(out.id)].value
        for i in 0..<idx.count { (y + i * cols).update(from: xn.value + Int(ids[i]) * cols, count: cols) }
        return out
    }

    func pullbackGatherRows(_ x: Int32, _ node: Node) {
        guard let dx = accumulatingSink(x) else { return }
        let ids = node.aux!.assumingMemoryBound(to: Int32.self)
        let cols = node.cols, g = node.grad!
        for i in 0..<node.rows {
            let d = dx + Int(ids[i]) * cols, gr = g + i * cols
            for c in 0..<cols { d[c] += gr[c] }
        }
    }

    func pick<I: BinaryInteger>(_ x: Tensor, _ idx: UnsafeBufferPointer<I>) -> Tensor {
        let xn = node(x).pointee
        require(idx.count == xn.rows, "pick(columns:) needs one index per row: \(idx.count) for \(xn.rows) rows")
        let ids = storeIndices(idx, bound: xn.cols, what: "pick(columns:)")
        let out = record(rows: xn.rows, cols: 1, op: .pick(x.id), needsGrad: xn.grad != nil,
                         aux: UnsafeMutableRawPointer(ids))
        let y = nodes[Int(out.id)].value
        for i in 0..<xn.rows { y[i] = xn.value[i * xn.cols + Int(ids[i])] }
        return out
    }

    func pullbackPick(_ x: Int32, _ node: Node) {
        guard let dx = accumulatingSink(x) else { return }
        let ids = node.aux!.assumingMemoryBound(to: Int32.self)
        let cols = nodes[Int(x)].cols, g = node.grad!
        for i in 0..<node.rows { dx[i * cols + Int(ids[i])] += g[i] }
    }
}
