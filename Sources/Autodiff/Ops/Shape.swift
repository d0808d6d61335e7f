/// Ops that move values without arithmetic: reshape, row and column slices,
/// repeating a row. Reshape and row slices share the input's storage
/// (row-major rows are contiguous); their pullbacks add into the matching
/// part of the input's gradient.
extension Tensor {
    /// The same values seen as `rows × cols` (the count must match).
    public func reshaped(rows: Int, cols: Int) -> Tensor { tape.reshape(self, rows: rows, cols: cols) }

    /// Rows `range` (shares storage with `self`).
    public func rows(_ range: Range<Int>) -> Tensor { tape.sliceRows(self, range) }

    /// Columns `range` (copied).
    public func columns(_ range: Range<Int>) -> Tensor { tape.sliceColumns(self, range) }

    /// A `[1, C]` row repeated to `[rows, C]` (e.g. a context vector given to
    /// every sample before concatenation). Pullback: sum over the rows.
    public func repeated(rows: Int) -> Tensor { tape.repeatRows(self, rows) }

    /// The same values with no gradient flowing back through them.
    public func stopGradient() -> Tensor { tape.stopGradient(self) }
}

extension Tape {
    func reshape(_ x: Tensor, rows: Int, cols: Int) -> Tensor {
        let xn = node(x).pointee
        require(rows > 0 && cols > 0 && rows * cols == xn.count,
                "reshape: [\(xn.rows), \(xn.cols)] has \(xn.count) values, cannot view as [\(rows), \(cols)]")
        return record(rows: rows, cols: cols, op: .reshape(x.id), needsGrad: xn.grad != nil, alias: xn.value)
    }

    func pullbackReshape(_ x: Int32, _ node: Node) {
        guard let (dx, ow) = sink(x) else { return }
        let g = node.grad!
        store(dx, ow, node.count) { g[$0] }
    }

    func sliceRows(_ x: Tensor, _ range: Range<Int>) -> Tensor {
        let xn = node(x).pointee
        require(range.lowerBound >= 0 && range.upperBound <= xn.rows && !range.isEmpty,
                "rows(\(range)): tensor has rows 0..<\(xn.rows)")
        return record(rows: range.count, cols: xn.cols, op: .sliceRows(x.id, start: Int32(range.lowerBound)),
                      needsGrad: xn.grad != nil, alias: xn.value + range.lowerBound * xn.cols)
    }

    func pullbackSliceRows(_ x: Int32, start: Int32, _ node: Node) {
        guard let dx = accumulatingSink(x) else { return }
        let d = dx + Int(start) * node.cols, g = node.grad!
        for i in 0..<node.count { d[i] += g[i] }
    }

    func sliceColumns(_ x: Tensor, _ range: Range<Int>) -> Tensor {
        let xn = node(x).pointee
        require(range.lowerBound >= 0 && range.upperBound <= xn.cols && !range.isEmpty,
                "columns(\(range)): tensor has columns 0..<\(xn.cols)")
        let out = record(rows: xn.rows, cols: range.count, op: .sliceColumns(x.id, start: Int32(range.lowerBound)),
                         needsGrad: xn.grad != nil)
        let y = nodes[Int(out.id)].value
        for r in 0..<xn.rows {
            (y + r * range.count).update(from: xn.value + r * xn.cols + range.lowerBound, count: range.count)
        }
        return out
    }

    func pullbackSliceColumns(_ x: Int32, start: Int32, _ node: Node) {
        guard let dx = accumulatingSink(x) else { return }
        let cols = nodes[Int(x)].cols, g = node.grad!
        for r in 0..<node.rows {
            let d = dx + r * cols + Int(start), gr = g + r * node.cols
            for c in 0..<node.cols { d[c] += gr[c] }
        }
    }

    func repeatRows(_ x: Tensor, _ rows: Int) -> Tensor {
        let xn = node(x).pointee
        require(xn.rows == 1 && rows > 0, "repeated(rows: \(rows)) needs a [1, C] tensor, got [\(xn.rows), \(xn.cols)]")
        let out = record(rows: rows, cols: xn.cols, op: .repeatRows(x.id), needsGrad: xn.grad != nil)
        let y = nodes[Int(out.id)].value
        for r in 0..<rows { (y + r * xn.cols).update(from: xn.value, count: xn.cols) }
        return out
    }

    func pullbackRepeatRows(_ x: Int32, _ node: Node) {
        guard let (dx, ow) = sink(x) else { return }
        columnSums(node.grad!, rows: node.rows, cols: node.cols, into: dx, overwrite: ow)
    }
}
