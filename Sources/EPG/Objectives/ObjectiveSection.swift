import Agents
import Config

/// The `objective:` section of an `lpo` config: which drift is evolved and
/// where φ starts (Lu et al. 2022; Jackson et al. 2024).
///
/// ```yaml
/// objective:
///   family: lpo          # or ta-lpo: the drift also sees the training progress n/N
///   base: ppo            # D at φ = 0: ppo (the clip), dpo, or none
///   hidden: 32           # H, the drift network's tanh units
///   init: zero           # φ₀ = 0 (the base drift exactly), or random
///   init_scale: 0.1      # the standard deviation of random φ₀
/// ```
public struct ObjectiveSection: ConfigSection, Sendable, Equatable {
    public enum Family: String, Codable, Sendable, CaseIterable {
        /// Learned Policy Optimisation: D_φ(r, Â).
        case lpo
        /// Temporally-aware LPO: D_φ(r, Â, n/N).
        case taLpo = "ta-lpo"
    }

    public enum Base: String, Codable, Sendable, CaseIterable {
        /// PPO's clip: φ = 0 is PPO.
        case ppo
        /// DPO's closed form (α = 2, β = 0.6): φ = 0 is DPO.
        case dpo
        /// No drift: φ = 0 is the unclipped importance-sampled policy gradient.
        case none

        /// The agents' built-in drift.
        public var drift: BuiltInDrift {
            switch self {
            case .ppo: return .clip
            case .dpo: return .dpo
            case .none: return .none
            }
        }
    }

    public enum Initial: String, Codable, Sendable, CaseIterable {
        /// φ₀ = 0: generation 0's mean is the base drift exactly.
        case zero
        /// φ₀ ~ N(0, init_scale²), drawn from the run seed.
        case random
    }

    /// LPO or TA-LPO.
    public var family = Family.lpo
    /// D_base, the drift φ = 0 stands for.
    public var base = Base.ppo
    /// H: hidden tanh units of g_φ (|φ| = 8 + 9H for LPO, 16 + 17H for TA-LPO).
    public var hidden = 32
    /// Where φ starts (unless `outer.warm_start` names an earlier run).
    public var initial = Initial.zero
    /// The standard deviation of `random` φ₀.
    public var initScale = 0.1

    public init() {}

    /// The network's shape.
    public var shape: DriftShape { DriftShape(timeAware: family == .taLpo, hidden: hidden) }

    public func validate(_ check: ConfigValidator) throws {
        try check.range("hidden", hidden, 1...4_096)
        try check.positive("initScale", initScale)
    }

    enum CodingKeys: String, CodingKey {
        case family, base, hidden
        case initial = "init"
        case initScale
    }
}
