/// The math of one optimizer: how θ moves given ∂L/∂θ and its own
/// per-parameter slots (Adam's m and v, SGD's velocity). Everything else —
/// slot storage, the step counter, serialisation — lives in `Optimizer`.
public protocol OptimizerRule: Sendable {
    /// Identifies the rule in saved state (e.g. "adam").
    static var name: String { get }
    /// Slot vectors kept per parameter scalar.
    static var slotCount: Int { get }
    /// One update of `count` parameters at step `t` (1 on the first step).
    /// Slot k of parameter i is `slots[k * count + i]`.
    func update(values: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>,
                slots: UnsafeMutablePointer<Float>, count: Int, step t: Int)
}

/// An optimizer over one `ParameterSet`: owns the per-parameter slots and the
/// step counter; the update itself is `Rule`'s (see `Adam`, `SGD`).
///
///     let adam = Adam(for: params, learningRate: 3e-4)
///     tape.backward(loss)
///     adam.step()
///     adam.rule.learningRate *= 0.99    // schedules change the rule's fields
public final class Optimizer<Rule: OptimizerRule> {
    public let parameters: ParameterSet
    /// Hyperparameters; change them between steps freely.
    public var rule: Rule
    /// Steps taken so far (Adam's t for bias correction).
    public internal(set) var stepCount = 0
    var slots: UnsafeMutablePointer<Float>
    let slotLength: Int

    /// An optimizer with zeroed slots. Add every parameter to the set first.
    public init(for parameters: ParameterSet, rule: Rule) {
        self.parameters = parameters
        self.rule = rule
        slotLength = parameters.count
        let n = max(Rule.slotCount * slotLength, 1)
        slots = .allocate(capacity: n)
        slots.initialize(repeating: 0, count: n)
    }

    deinit { slots.deallocate() }

    /// θ ← update(θ, ∂L/∂θ) using the set's current gradients.
    public func step() {
        require(parameters.count == slotLength,
                "optimizer made for \(slotLength) parameters, the set now has \(parameters.count)")
        stepCount += 1
        rule.update(values: parameters.values, gradients: parameters.gradients,
                    slots: slots, count: slotLength, step: stepCount)
    }

    /// Forgets the slots and the step counter (a fresh optimizer).
    public func reset() {
        stepCount = 0
        slots.update(repeating: 0, count: Rule.slotCount * slotLength)
    }
}
