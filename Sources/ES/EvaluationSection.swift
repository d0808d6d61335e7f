import Config
import Environments

/// The `evaluation:` section: how a candidate θ is scored. Its fitness is
/// the mean undiscounted return over `episodes` episodes; episode e of an
/// antithetic pair draws its task and initial state from the same stream
/// (common random numbers), so the pair's difference measures ±σε alone.
///
/// ```yaml
/// evaluation:
///   episodes: 1
///   max_steps: 500             # null: the environment's own time limit
///   split: train
/// ```
public struct EvaluationSection: ConfigSection, Sendable, Equatable {
    /// Episodes per candidate (each on a task drawn from the family), averaged.
    public var episodes = 1
    /// T_max: steps after which an episode is cut (null: the environment's time limit).
    public var maxSteps: Int? = nil
    /// Which tasks candidates are scored on: `train`, `test` or `ood` (when the family has it).
    public var split: TaskSplit = .train

    public init() {}

    public func validate(_ check: ConfigValidator) throws {
        try check.range("episodes", episodes, 1...10_000)
        if let maxSteps { try check.positive("maxSteps", maxSteps) }
    }
}
