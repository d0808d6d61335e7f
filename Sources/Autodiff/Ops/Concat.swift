/// Concatenation along columns (axis 1: `[R, C₁] ‖ [R, C₂] → [R, C₁ + C₂]`,
/// joining per-sample features) or rows (axis 0: stacking batches). The
/// pullback hands each operand back its own block of the gradient.
///
/// The two- and three-operand forms allocate nothing; the array form costs
/// the caller's array.
public func concat(_ a: Tensor, _ b: Tensor, axis: Int) -> Tensor {
    a.tape.concat(2, axis: axis) { $0 == 0 ? a : b }
}

/// Three-operand concatenation (see `concat(_:_:axis:)`).
public func concat(_ a: Tensor, _ b: Tensor, _ c: Tensor, axis: Int) -> Tensor {
    a.tape.concat(3, axis: axis) { $0 == 0 ? a : ($0 == 1 ? b : c) }
}

/// Concatenation of any number of tensors along `axis` (0: rows, 1: columns).
public func concat(_ parts: [Tensor], axis: Int) -> Tensor {
    require(!parts.isEmpty, "concat of no tensors")
    return parts[0].tape.concat(parts.count, axis: axis) { parts[$0] }
}

extension Tape {
    func concat(_ count: Int, axis: Int, _ part: (Int) -> Tensor) -> Tensor {
        require(axis == 0 || axis == 1, "concat axis must be 0 (rows) or 1 (columns), got \(axis)")
        let ids = indices.allocate(count)
        let first = node(part(0)).pointee
        var rows = 0, cols = 0, needsGrad = false
        for i in 0..<count {
            let t = part(i)
            let n = node(t).pointee
            ids[i] = t.id
            needsGrad = needsGrad || n.grad != nil
            if axis == 1 {
                require(n.rows == first.rows, "concat along columns: operand \(i) has \(n.rows) rows, operand 0 has \(first.rows)")
                rows = n.rows
                cols += n.cols
            } else {
                require(n.cols == first.cols, "concat along rows: operand \(i) has \(n.cols) columns, operand 0 has \(first.cols)")
                rows += n.rows
                cols = n.cols
            }
        }
        let out = record(rows: rows, cols: cols, op: .concat(count: Int32(count), axis: Int8(axis)),
                         needsGrad: needsGrad, aux: UnsafeMutableRawPointer(ids))
        var y = nodes[Int(out.id)].value
        if axis == 0 {
            for i in 0..<count {
                let n = nodes[Int(ids[i])]
                y.update(from: n.value, count: n.count)
                y += n.count
            }
        } else {
            var offset = 0
            for i in 0..<count {
                let n = nodes[Int(ids[i])]
                for r in 0..<rows { (y + r * cols + offset).update(from: n.value + r * n.cols, count: n.cols) }
                offset += n.cols
            }
        }
        return out
    }

    func pullbackConcat(count: Int32, axis: Int8, _ node: Node) {
        let ids = node.aux!.assumingMemoryBound(to: Int32.self)
        let g = node.grad!
        var offset = 0
        for i in 0..<Int(count) {
            let n = nodes[Int(ids[i])]
            defer { offset += axis == 0 ? n.count : n.cols }
            guard let (dx, ow) = sink(ids[i]) else { continue }
            if axis == 0 {
                let gp = g + offset
                store(dx, ow, n.count) { gp[$0] }
            } else {
                for r in 0..<n.rows {
                    let gp = g + r * node.cols + offset
                    store(dx + r * n.cols, ow, n.cols) { gp[$0] }
                }
            }
        }
    }
}
