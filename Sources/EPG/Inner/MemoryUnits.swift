import Autodiff
import Random

/// EPG's memory units inside one lifetime: a `[1, k]` vector, started at φ's
/// m₀, appended to every row L_φ reads and — when trainable — moved by Adam
/// along −∂L_φ/∂m on the same backward pass that trains the policy (a
/// learned, per-lifetime state the loss can write to and read from).
public final class MemoryUnits {
    public let parameters: ParameterSet
    public let vector: Parameter
    let optimizer: Adam?

    /// Starts at `initial` (k values); `learningRate` nil keeps it fixed.
    public init(initial: [Float], learningRate: Float?) {
        let set = ParameterSet(trainable: learningRate != nil)
        // Zeros draw nothing: the stream is only the initializer's signature.
        vector = set.add("memory", rows: 1, cols: initial.count, initializer: .zeros, rng: RandomStream(seed: 0))
        try! set.setFlatValues(initial)  // same length by construction
        parameters = set
        optimizer = learningRate.map { Adam(for: set, learningRate: $0) }
    }

    /// The current value.
    public var values: [Float] { parameters.flatValues() }

    /// One Adam step on the gradient the last backward left, unless it is
    /// not finite (then nothing moves). Returns whether it stepped.
    @discardableResult
    public func step() -> Bool {
        guard let optimizer else { return false }
        var finite = true
        parameters.withUnsafeMutableGradients { g in for v in g where !v.isFinite { finite = false } }
        guard finite else { return false }
        optimizer.step()
        return true
    }
}
