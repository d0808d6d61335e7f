/// A handle to one tensor recorded on a `Tape`: a 2-D `rows × cols` array of
/// Float in row-major order. Valid until the tape's next `reset()`.
///
/// Ops are methods and operators (`a + b`, `x.tanh()`, `x.matmul(w)`,
/// `x.mean()`); each records a node and computes its value immediately.
public struct Tensor {
    @usableFromInline unowned(unsafe) let tape: Tape
    @usableFromInline let id: Int32
    @usableFromInline let epoch: UInt32
    /// Number of rows (the batch or time axis by convention).
    public let rows: Int
    /// Number of columns (features).
    public let cols: Int

    init(tape: Tape, id: Int32, epoch: UInt32, rows: Int, cols: Int) {
        self.tape = tape
        self.id = id
        self.epoch = epoch
        self.rows = rows
        self.cols = cols
    }

    /// Element count.
    @inlinable public var count: Int { rows * cols }

    /// The single value of a 1 × 1 tensor.
    public var scalar: Float {
        require(count == 1, "scalar of a [\(rows), \(cols)] tensor")
        return tape.node(self).pointee.value[0]
    }

    /// The values, row-major (copied out).
    public var values: [Float] {
        withUnsafeValues { Array($0) }
    }

    /// The element at (row, col).
    public subscript(row: Int, col: Int) -> Float {
        require(row >= 0 && row < rows && col >= 0 && col < cols,
                "index (\(row), \(col)) outside [\(rows), \(cols)]")
        return tape.node(self).pointee.value[row * cols + col]
    }

    /// Reads the values in place.
    public func withUnsafeValues<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: tape.node(self).pointee.value, count: count))
    }

    /// ∂loss/∂self after `backward` (zeros where no gradient reached it).
    public var gradient: [Float] { tape.gradient(of: self) }
}

extension Tape {
    /// ∂loss/∂t from the last `backward`, or zeros if none reached `t`.
    /// Exact for leaves (`variable`s) and ordinary ops; for the output of a
    /// fused `linear` or `Dense` it is the gradient at the pre-activation
    /// (that pullback rescales its buffer in place to save a copy).
    public func gradient(of t: Tensor) -> [Float] {
        let n = node(t).pointee
        guard let g = n.grad, n.gradWritten else { return [Float](repeating: 0, count: n.count) }
        return Array(UnsafeBufferPointer(start: g, count: n.count))
    }
}
