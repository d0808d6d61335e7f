/// Why a flat vector could not be loaded into a parameter set.
public enum ParameterError: Error, Equatable, CustomStringConvertible {
    case wrongLength(what: String, got: Int, expected: Int)
    case layoutMismatch(String)

    public var description: String {
        switch self {
        case let .wrongLength(what, got, expected):
            return "\(what) has \(got) values; the model has \(expected) parameters"
        case let .layoutMismatch(why):
            return "parameter layouts differ: \(why)"
        }
    }
}

/// Flat views: the whole model as one `[Float]` (an ES genome, a checkpoint
/// blob) and back, in `entries` order.
extension ParameterSet {
    /// θ as one vector.
    public func flatValues() -> [Float] {
        Array(UnsafeBufferPointer(start: values, count: count))
    }

    /// Replaces θ by `flat` (throws when the length is not `count`).
    public func setFlatValues(_ flat: [Float]) throws(ParameterError) {
        guard flat.count == count else { throw .wrongLength(what: "flat parameter vector", got: flat.count, expected: count) }
        flat.withUnsafeBufferPointer { values.update(from: $0.baseAddress!, count: count) }
    }

    /// ∂L/∂θ as one vector.
    public func flatGradients() -> [Float] {
        Array(UnsafeBufferPointer(start: gradients, count: count))
    }

    /// Replaces ∂L/∂θ by `flat` (e.g. gradients averaged across workers).
    public func setFlatGradients(_ flat: [Float]) throws(ParameterError) {
        guard flat.count == count else { throw .wrongLength(what: "flat gradient vector", got: flat.count, expected: count) }
        flat.withUnsafeBufferPointer { gradients.update(from: $0.baseAddress!, count: count) }
    }

    /// Reads and writes θ in place (no copy).
    public func withUnsafeMutableValues<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: values, count: count))
    }

    /// Reads and writes ∂L/∂θ in place (no copy).
    public func withUnsafeMutableGradients<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: gradients, count: count))
    }

    /// Copies θ from a set with the same layout (PBT's exploit step).
    public func copyValues(from other: ParameterSet) throws(ParameterError) {
        guard other.entries.map(\.count) == entries.map(\.count) else {
            throw .layoutMismatch("\(other.entries.count) blocks of sizes \(other.entries.map(\.count)) vs \(entries.map(\.count))")
        }
        values.update(from: other.values, count: count)
    }
}
