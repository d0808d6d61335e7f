import Autodiff
import Config

/// The `policy:` section: an MLP from observations to action outputs whose
/// flat parameters are the ES genome θ.
///
/// ```yaml
/// policy:
///   hidden_sizes: [32, 32]
///   activation: tanh
///   actions: deterministic     # argmax of the outputs (discrete), squashed into the box (continuous)
/// ```
public struct PolicySection: ConfigSection, Sendable, Equatable {
    /// Widths of the hidden layers (the input and output widths come from the
    /// environment); `[]` is a linear policy (Mania et al. 2018).
    public var hiddenSizes = [32, 32]
    /// f, the nonlinearity after every hidden layer: `tanh`, `relu`, `identity`.
    public var activation: PolicyActivation = .tanh
    /// How outputs become actions: `deterministic` (argmax of the logits for a
    /// discrete space; tanh squashed into a bounded box, raw outputs into an
    /// unbounded one) or `sample` (a ~ softmax(logits), discrete spaces only).
    public var actions: ActionSelection = .deterministic
    /// The gain of the orthogonal initialisation of the output layer (hidden
    /// layers use √2, biases 0), which sets the scale of μ₀'s outputs.
    public var outputGain: Float = 1

    public init() {}

    public func validate(_ check: ConfigValidator) throws {
        try check.range("hiddenSizes", each: hiddenSizes, 1...65_536)
        try check.greaterThan("outputGain", outputGain, 0)
    }
}

/// The hidden layers' nonlinearity.
public enum PolicyActivation: String, Codable, Sendable, CaseIterable {
    case tanh, relu, identity

    /// The gradient engine's equivalent (for initialisation and cross-checks).
    public var autodiff: Activation {
        switch self {
        case .tanh: return .tanh
        case .relu: return .relu
        case .identity: return .identity
        }
    }
}

/// How a policy's outputs become an action.
public enum ActionSelection: String, Codable, Sendable, CaseIterable {
    /// argmax of the logits (ties to the lowest index); the box's mode for continuous actions.
    case deterministic
    /// a ~ softmax(logits), drawn from the episode's stream (discrete actions only).
    case sample
}
