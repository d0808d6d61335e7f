import Config

/// The `outer:` section: how candidates are scored and how the run watches itself.
///
/// ```yaml
/// outer:
///   tasks_per_candidate: 2      # K
///   alpha_anneal_generations: 30
///   validation_every: 5
///   validation_tasks: 4
///   validate_start: false       # also validate φ₀, so the start can be the best
///   initial_loss: random        # or reinforce
///   warm_start: null            # or populations/<run>: φ₀ = that run's μ (lpo: also a zoo/*.phi file)
/// ```
public struct OuterLoopSection: ConfigSection, Sendable, Equatable {
    /// Where φ₀ comes from.
    public enum InitialLoss: String, Codable, Sendable, CaseIterable {
        /// Gaussian weights drawn from the run seed (the paper's).
        case random
        /// The REINFORCE surrogate −mean(r·log π) (`LossNetwork.reinforceGenome`) plus a small random part.
        case reinforce
    }

    /// K: training-split tasks each candidate is scored on (a lifetime each; fitness is their mean).
    public var tasksPerCandidate = 2
    /// α anneals linearly from 1 to 0 over this many generations (0: α = 0 throughout);
    /// a count, not a fraction of the budget, so raising the budget on resume changes nothing before it.
    public var alphaAnnealGenerations = 30
    /// Every this many generations, μ trains agents on `test`-split tasks with α = 0 (and at the last generation).
    public var validationEvery = 5
    /// Test-split tasks of that check (one lifetime each).
    public var validationTasks = 4
    /// Also validate φ₀ before the first generation, so the starting objective
    /// (PPO itself, for an LPO drift started at φ = 0) competes for the best φ
    /// `compare` reads: a search that finds nothing better hands back its start.
    public var validateStart = false
    /// φ₀.
    public var initialLoss = InitialLoss.random
    /// φ₀ from an earlier EPG run with the same loss network instead of
    /// `initial_loss`: a run directory (its newest intact checkpoint) or one
    /// checkpoint file; the search mean μ it holds becomes φ₀. Read once, at
    /// generation 0 — a resumed run never looks at it again.
    public var warmStart: String?

    public init() {}

    /// α at generation g: max(0, 1 − g / A), A = `alpha_anneal_generations` (0 when A = 0).
    public func alpha(generation g: Int) -> Double {
        guard alphaAnnealGenerations > 0 else { return 0 }
        return max(0, 1 - Double(g) / Double(alphaAnnealGenerations))
    }

    public func validate(_ check: ConfigValidator) throws {
        try check.range("tasksPerCandidate", tasksPerCandidate, 1...10_000)
        try check.range("alphaAnnealGenerations", alphaAnnealGenerations, 0...1_000_000_000)
        try check.range("validationEvery", validationEvery, 1...1_000_000)
        try check.range("validationTasks", validationTasks, 1...10_000)
        if let warmStart {
            try check.require("warmStart", !warmStart.isEmpty, "a run directory or checkpoint file (or null)")
        }
    }
}
