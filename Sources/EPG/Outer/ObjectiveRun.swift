import Agents
import Checkpoint
import Environments
import Evolution
import Random
import Runs

/// Evolved Policy Gradients (Houthooft et al. 2018): the `epg` run kind.
public typealias EPGRun = ObjectiveRun<EPGSections>

/// Learned policy optimisation (LPO, TA-LPO): the `lpo` run kind.
public typealias LPORun = ObjectiveRun<LPOSections>

/// The outer loop of every evolved-objective run kind (`epg`, `lpo`): each
/// generation, antithetic candidates φ = μ ± σε each train K fresh agents on
/// training tasks (both members of a pair on the same tasks with the same
/// agent seeds), fitness is the return those agents reach (MAXIMISED), and
/// ES moves μ. Every `validation_every` generations μ itself trains agents on
/// test-split tasks (α = 0); the φ with the best such score is kept.
///
///     var run = try LPORun(configuration: config, threads: 2)
///     while run.generation < config.generations { _ = try run.runGeneration() }
///     let phi = run.best?.genome ?? run.strategy.mean
///
/// Bitwise identical for any thread count or backend: a lifetime depends only on
/// (φ, α, task, agent seed), all derived from (seed, generation, pair, k),
/// and each lifetime runs start to end on one thread.
public struct ObjectiveRun<Family: ObjectiveFamily>: PopulationRun {
    public static var kind: String { Family.kind }

    public let configuration: PopulationConfiguration<Family>
    public private(set) var strategy: Strategy
    /// Runs and scores one agent lifetime (the inner loop).
    public let lifetimes: Family.Lifetimes
    /// The φ with the highest validation return so far.
    public private(set) var best: ValidatedLoss?
    /// The latest validation return (nil before the first).
    public private(set) var lastValidation: Double?
    /// Where lifetimes run.
    public let backend: any EvaluationBackend

    /// A fresh run at generation 0 (φ₀ from `outer.warm_start` or the family's own start).
    public init(configuration: PopulationConfiguration<Family>, backend: any EvaluationBackend) throws {
        self.configuration = configuration
        let lifetimes = try configuration.sections.lifetimes(env: configuration.env)
        self.lifetimes = lifetimes
        self.backend = backend
        let mean = try configuration.outer.warmStart.map { try Self.warmStartGenome($0, genomeLength: lifetimes.genomeLength) }
            ?? configuration.sections.initialGenome(lifetimes, seed: configuration.seed)
        strategy = try Strategy(configuration: configuration.es.strategyConfiguration(seed: configuration.seed),
                                mean: mean, threads: backend.threads)
        try lifetimes.check(seed: configuration.seed)
    }

    /// The run as `checkpoint` left it (sections "strategy" and the family's own).
    public init(configuration: PopulationConfiguration<Family>, restoring checkpoint: Checkpoint,
                backend: any EvaluationBackend) throws {
        let file = checkpoint.source ?? "checkpoint"
        self.configuration = configuration
        lifetimes = try configuration.sections.lifetimes(env: configuration.env)
        self.backend = backend
        do {
            let state = try StrategyState(encoded: try checkpoint.section(Checkpoint.strategy))
            guard state.mean.count == lifetimes.genomeLength else {
                throw EvolutionError.invalidState("μ has \(state.mean.count) values; this objective has \(lifetimes.genomeLength) parameters")
            }
            strategy = try Strategy(configuration: configuration.es.strategyConfiguration(seed: configuration.seed),
                                    restoring: state, threads: backend.threads)
        } catch let error as EvolutionError {
            throw CheckpointError(file: file, problem: .malformed("strategy section: \(error)"))
        }
        (best, lastValidation) = try Self.decodeOwnSection(checkpoint, genomeLength: lifetimes.genomeLength)
    }

    public var generation: Int { strategy.generation }

    /// α used at the next generation.
    public var alpha: Double { configuration.outer.alpha(generation: generation) }

    /// `ObjectiveMetrics.columns`.
    public var metricsColumns: [String] { ObjectiveMetrics.columns }

    public mutating func runGeneration() throws -> ObjectiveMetrics {
        let g = generation, alpha = self.alpha
        var start: Validation?
        if g == 0 && configuration.outer.validateStart {
            let v = try validate(strategy.mean)
            start = v
            lastValidation = v.meanReturn
            if v.meanReturn.isFinite { best = ValidatedLoss(genome: strategy.mean, testReturn: v.meanReturn, generation: 0) }
        }
        let scores = try scoreCandidates(alpha: alpha)
        let report = try strategy.tell(scores.fitness)
        var metrics = ObjectiveMetrics(report: report, alpha: alpha, lifetimes: scores.lifetimes, envSteps: scores.steps,
                                       skippedSteps: scores.skippedSteps)
        if let start {
            metrics.testReturn = start.meanReturn
            metrics.lifetimes += start.lifetimes
            metrics.envSteps += start.steps
        }
        if (g + 1) % configuration.outer.validationEvery == 0 {
            let v = try validate(strategy.mean)
            metrics.testReturn = v.meanReturn
            metrics.lifetimes += v.lifetimes
            metrics.envSteps += v.steps
            lastValidation = v.meanReturn
            if v.meanReturn.isFinite, v.meanReturn > best?.testReturn ?? -.infinity {
                best = ValidatedLoss(genome: strategy.mean, testReturn: v.meanReturn, generation: g + 1)
            }
        }
        metrics.bestTestReturn = best?.testReturn ?? .nan
        return metrics
    }
}

/// A φ and the validation return μ reached when it was φ.
public struct ValidatedLoss: Sendable, Equatable {
    public var genome: [Float]
    /// Mean return of agents it trained on the validation tasks (α = 0).
    public var testReturn: Double
    /// Generations completed when it was validated.
    public var generation: Int

    public init(genome: [Float], testReturn: Double, generation: Int) {
        self.genome = genome
        self.testReturn = testReturn
        self.generation = generation
    }
}
