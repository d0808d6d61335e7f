import Agents
import Config
import Environments
import Random
import Runs

/// A family of learning objectives whose parameters φ evolution strategies
/// search — the sections of its config, and how it trains agents. Evolved
/// Policy Gradients (`epg`: a loss network over the agent's experience) and
/// learned policy optimisation (`lpo`: a drift over the ratio and the
/// advantage, optionally time-aware) are the two; `ObjectiveRun` is the one
/// outer loop both run under.
public protocol ObjectiveFamily: RunSections {
    associatedtype Lifetimes: ObjectiveLifetimes

    /// What its checkpoints, run kind and own section are called ("epg", "lpo").
    static var kind: String { get }
    /// The first component of every random stream its runs derive ("epg", "lpo").
    static var streamPrefix: String { get }

    /// The outer ES on φ.
    var es: StrategySection { get }
    /// Tasks per candidate, validation, α annealing, warm start.
    var outer: OuterLoopSection { get }
    /// How a lifetime is scored.
    var fitness: FitnessSection { get }
    /// What `populus compare` runs.
    var compare: CompareSection { get }

    /// The lifetimes of a run on `env` (throws naming what does not fit).
    func lifetimes(env: String) throws -> Lifetimes
    /// The lifetimes an objective evolved on `env` trains with on another
    /// environment, `target` (its shipped PPO settings and budget), for
    /// `compare --env`; throws when this family's objectives cannot transfer.
    func transferLifetimes(from env: String, to target: String) throws -> Lifetimes
    /// φ₀ of a run seeded `seed` when no warm start is given.
    func initialGenome(_ lifetimes: Lifetimes, seed: UInt64) -> [Float]
    /// Lines `populus inspect` prints about the family's own settings.
    func describe(_ lifetimes: Lifetimes, env: String) -> [(label: String, value: String)]
    /// Figures of the objective φ = `genome` itself for the run's report (none by default).
    func figures(of genome: [Float], lifetimes: Lifetimes) -> [(svg: String, caption: String)]
}

extension ObjectiveFamily {
    public func figures(of genome: [Float], lifetimes: Lifetimes) -> [(svg: String, caption: String)] { [] }
}

/// How a family trains and scores one agent with an objective φ (a value:
/// share it across threads; every lifetime builds its own agent and tape).
public protocol ObjectiveLifetimes: Sendable {
    /// The task family agents learn on.
    var family: AnyTaskDistribution { get }
    /// |φ|.
    var genomeLength: Int { get }
    /// Environment steps in one lifetime.
    var lifetimeSteps: Int { get }
    /// Trains a fresh agent on `task` with φ = `genome` (and, for families that
    /// bootstrap from PPO, α of PPO's loss mixed in), its streams under
    /// `(seed, path)`, and scores it. `probe` records gradient alignment.
    func run(genome: [Float], alpha: Double, task: AnyTask, seed: UInt64, path: [StreamPathComponent],
             probe: GradientProbe?) throws -> LifetimeOutcome
    /// The same lifetime trained by a built-in learner (a baseline of `compare`).
    func runBaseline(learner: LearnerKind, task: AnyTask, seed: UInt64, path: [StreamPathComponent]) throws
        -> LifetimeOutcome
    /// The hyperparameters a baseline trains with (for reports).
    func baselineHyperparameters(_ learner: LearnerKind) -> PPOHyperparameters
    /// Builds one agent so configuration problems surface at the start of a run, not as NaN fitness.
    func check(seed: UInt64) throws
}

extension FitnessSection {
    /// A trained agent's score under this section (NaN when no episode finished).
    public func score(_ agent: Agent, family: AnyTaskDistribution, seed: UInt64, path: [StreamPathComponent],
                      diagnostics: LossDiagnostics?) -> LifetimeOutcome {
        let curve = agent.curve
        let value: Double
        switch mode {
        case .lastEpisodes:
            value = curve.meanReturn(last: episodes) ?? .nan
        case .lifetimeMean:
            value = curve.meanReturn(last: curve.episodes.count) ?? .nan
        case .finalPolicy:
            let returns = PolicyEvaluation.returns(of: agent.policy, family: family, task: agent.task,
                                                   episodes: episodes, seed: seed, path: path + ["final-policy"])
            value = returns.reduce(0, +) / Double(returns.count)
        }
        return LifetimeOutcome(curve: curve, fitness: value, evolvedSteps: diagnostics?.evolvedSteps ?? 0,
                               skippedSteps: diagnostics?.skippedSteps ?? 0, steps: agent.steps)
    }
}
