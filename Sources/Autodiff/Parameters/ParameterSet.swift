import Random

/// A model's trainable numbers θ and their gradients ∂L/∂θ, each stored as
/// one flat Float vector.
///
/// Layers `add` their weights here when built and keep `Parameter` handles;
/// a tape `bind`s a handle to read the weights in place and to accumulate the
/// gradient in place. Flat storage is what ES perturbs (a genome is
/// `flatValues()`), what the optimizers sweep in one loop, and what gradient
/// clipping measures.
///
/// A set belongs to one thread at a time (build one per agent).
public final class ParameterSet {
    /// θ, `count` values.
    public private(set) var values: UnsafeMutablePointer<Float>
    /// ∂L/∂θ, `count` values, written by `Tape.backward`.
    public private(set) var gradients: UnsafeMutablePointer<Float>
    /// Number of scalars.
    public private(set) var count = 0
    private var capacity: Int
    /// Every parameter in the order it was added.
    public private(set) var entries: [Entry] = []
    /// When false, tapes read these values as constants: no gradient is
    /// computed for them (e.g. EPG's loss network φ inside an inner loop).
    public var trainable: Bool

    /// One named block of the flat vector.
    public struct Entry: Sendable, Hashable {
        public let name: String
        public let offset: Int
        public let rows: Int
        public let cols: Int
        public var count: Int { rows * cols }
    }

    public init(trainable: Bool = true) {
        self.trainable = trainable
        capacity = 256
        values = .allocate(capacity: capacity)
        gradients = .allocate(capacity: capacity)
    }

    deinit {
        values.deallocate()
        gradients.deallocate()
    }

    /// Adds a `rows × cols` parameter initialised by `initializer` (drawing
    /// from `rng`), with a zero gradient. Add every parameter before the
    /// first step: storage may move while the set grows.
    public func add(_ name: String, rows: Int, cols: Int,
                    initializer: Initializer, rng: RandomStream) -> Parameter {
        require(rows > 0 && cols > 0, "parameter \(name): shape [\(rows), \(cols)] must be positive")
        let n = rows * cols
        if count + n > capacity { grow(to: count + n) }
        let offset = count
        let buffer = UnsafeMutableBufferPointer(start: values + offset, count: n)
        initializer.fill(buffer, rows: rows, cols: cols, rng: rng)
        (gradients + offset).initialize(repeating: 0, count: n)
        count += n
        entries.append(Entry(name: name, offset: offset, rows: rows, cols: cols))
        return Parameter(set: self, index: entries.count - 1, offset: offset, rows: rows, cols: cols)
    }

    private func grow(to needed: Int) {
        var c = capacity
        while c < needed { c *= 2 }
        let v = UnsafeMutablePointer<Float>.allocate(capacity: c)
        let g = UnsafeMutablePointer<Float>.allocate(capacity: c)
        v.update(from: values, count: count)
        g.update(from: gradients, count: count)
        values.deallocate()
        gradients.deallocate()
        values = v
        gradients = g
        capacity = c
    }

    /// Sets every gradient to zero.
    public func zeroGradients() {
        gradients.update(repeating: 0, count: count)
    }

    /// The values of one parameter (copied).
    public func values(of p: Parameter) -> [Float] {
        require(p.set === self, "values(of:): parameter \(p.index) belongs to another set")
        return Array(UnsafeBufferPointer(start: values + p.offset, count: p.count))
    }

    /// The gradient of one parameter (copied).
    public func gradients(of p: Parameter) -> [Float] {
        require(p.set === self, "gradients(of:): parameter \(p.index) belongs to another set")
        return Array(UnsafeBufferPointer(start: gradients + p.offset, count: p.count))
    }
}

/// A handle to one block of a `ParameterSet`, bound onto a tape with
/// `tape.bind(p)` (layers do this in their forward pass).
public struct Parameter {
    public let set: ParameterSet
    /// Position in `set.entries`.
    public let index: Int
    public let offset: Int
    public let rows: Int
    public let cols: Int
    public var count: Int { rows * cols }
    public var name: String { self.set.entries[index].name }
}
