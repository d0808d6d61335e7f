import Environments

/// The columns of one buffer row as L_φ reads it, in this order:
///
///     [ s | a (one-hot or vector) | r | d | t/T | Ĝ ]         data: constants on the tape
///     [ π outputs | log π(a|s) | r·log π(a|s) | Ĝ·log π(a|s) ] policy: θ-dependent
///     [ m (memory units) ]                                    optional
///
/// π outputs are the probabilities π(·|s) for discrete actions, or the
/// Gaussian's mean μ(s) and log σ for continuous ones. log π(a|s) and its
/// products with r and Ĝ are what policy-gradient losses are built from;
/// with them L_φ can express REINFORCE exactly with a linear head
/// (`−mean(r·log π)`, or `−mean(Ĝ·log π)`), and evolution shapes the rest.
///
/// Ĝ (with `return_features`, an addition to the paper's inputs) is the
/// discounted reward-to-go inside the buffer, Ĝₜ = rₜ + γ(1 − dₜ)Ĝₜ₊₁ (cut
/// at the newest row), standardised over the buffer's rows: a per-row
/// credit signal the paper's network had to infer from its context.
public struct RowLayout: Sendable, Equatable, Hashable {
    public let observationSize: Int
    /// K categories (discrete) or D components (continuous).
    public let actionComponents: Int
    public let isDiscrete: Bool
    public let memoryUnits: Int
    /// Whether the Ĝ and Ĝ·log π columns are present.
    public let returnFeatures: Bool

    public init(observationSize: Int, actionSpace: Space, memoryUnits: Int, returnFeatures: Bool = true) {
        self.observationSize = observationSize
        self.isDiscrete = actionSpace.isDiscrete
        switch actionSpace {
        case .discrete(let n): actionComponents = n
        case .box(let low, _): actionComponents = low.count
        }
        self.memoryUnits = memoryUnits
        self.returnFeatures = returnFeatures
    }

    private var extra: Int { returnFeatures ? 1 : 0 }
    /// Width of the data block: s, a, r, d, t/T (, Ĝ).
    public var dataWidth: Int { observationSize + actionComponents + 3 + extra }
    /// Width of the θ-dependent block.
    public var policyWidth: Int { (isDiscrete ? actionComponents : 2 * actionComponents) + 2 + extra }
    /// The whole row.
    public var width: Int { dataWidth + policyWidth + memoryUnits }

    /// Column of r, d, t/T and Ĝ within the data block.
    public var rewardColumn: Int { observationSize + actionComponents }
    public var doneColumn: Int { rewardColumn + 1 }
    public var timeColumn: Int { rewardColumn + 2 }
    public var returnColumn: Int? { returnFeatures ? rewardColumn + 3 : nil }
    /// Column (in the whole row) of log π(a|s), r·log π(a|s) and Ĝ·log π(a|s).
    public var logProbColumn: Int { dataWidth + (isDiscrete ? actionComponents : 2 * actionComponents) }
    public var rewardLogProbColumn: Int { logProbColumn + 1 }
    public var returnLogProbColumn: Int? { returnFeatures ? logProbColumn + 2 : nil }
}
