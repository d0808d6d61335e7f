import Agents
import Checkpoint
import Environments
import Evolution
import Random
import Runs

/// Evolved Policy Gradients (Houthooft et al. 2018): the `epg` run kind of
/// `populus evolve`. Each generation, antithetic candidates φ = μ ± σε each
/// train K fresh agents on training tasks (both members of a pair on the
/// same tasks with the same agent seeds), fitness is the return those agents
/// reach (MAXIMISED), and ES moves μ. Every `validation_every` generations μ
/// itself trains agents on test-split tasks with α = 0; the φ with the best
/// such score is kept.
///
///     var run = try EPGRun(configuration: config, threads: 2)
///     while run.generation < config.generations { _ = try run.runGeneration() }
///     let phi = run.best?.genome ?? run.strategy.mean
///
/// Bitwise identical for any thread count or backend: a lifetime depends only on
/// (φ, α, task, agent seed), all derived from (seed, generation, pair, k),
/// and each lifetime runs start to end on one thread.
public struct EPGRun: PopulationRun {
    public static let kind = "epg"

    public let configuration: EPGConfiguration
    public private(set) var strategy: Strategy
    /// Runs and scores one agent lifetime (the inner loop).
    public let lifetimes: LifetimeRunner
    /// The φ with the highest validation return so far.
    public private(set) var best: ValidatedLoss?
    /// The latest validation return (nil before the first).
    public private(set) var lastValidation: Double?
    /// Where lifetimes run.
    public let backend: any EvaluationBackend

    /// A fresh run at generation 0 (φ₀ from `outer.initial_loss`).
    public init(configuration: EPGConfiguration, backend: any EvaluationBackend) throws {
        self.configuration = configuration
        lifetimes = try Self.makeLifetimeRunner(configuration)
        self.backend = backend
        strategy = try Strategy(configuration: configuration.es.strategyConfiguration(seed: configuration.seed),
                                mean: try Self.initialGenome(configuration, lifetimes), threads: backend.threads)
        try Self.checkOneLifetimeBuilds(lifetimes, configuration)
    }

    /// The run as `checkpoint` left it (sections "strategy" and "epg").
    public init(configuration: EPGConfiguration, restoring checkpoint: Checkpoint, backend: any EvaluationBackend) throws {
        let file = checkpoint.source ?? "checkpoint"
        self.configuration = configuration
        lifetimes = try Self.makeLifetimeRunner(configuration)
        self.backend = backend
        do {
            let state = try StrategyState(encoded: try checkpoint.section(Checkpoint.strategy))
            guard state.mean.count == lifetimes.genomeLength else {
                throw EvolutionError.invalidState("μ has \(state.mean.count) values; the loss network has \(lifetimes.genomeLength) parameters")
            }
            strategy = try Strategy(configuration: configuration.es.strategyConfiguration(seed: configuration.seed),
                                    restoring: state, threads: backend.threads)
        } catch let error as EvolutionError {
            throw CheckpointError(file: file, problem: .malformed("strategy section: \(error)"))
        }
        (best, lastValidation) = try Self.decodeOwnSection(checkpoint, genomeLength: lifetimes.genomeLength)
    }

    static func makeLifetimeRunner(_ c: EPGConfiguration) throws -> LifetimeRunner {
        LifetimeRunner(family: try EnvironmentRegistry.standard.resolve(c.env), inner: c.inner,
                       lossNetwork: c.lossNetwork, fitness: c.fitness)
    }

    /// φ₀: an earlier run's μ (`outer.warm_start`), the network's random
    /// initialisation, or the REINFORCE surrogate plus a tenth of it (so
    /// every weight starts off zero and ES has slopes to follow).
    static func initialGenome(_ c: EPGConfiguration, _ loop: LifetimeRunner) throws -> [Float] {
        if let path = c.outer.warmStart { return try warmStartGenome(path, genomeLength: loop.genomeLength) }
        let random = loop.initialGenome(seed: c.seed)
        switch c.outer.initialLoss {
        case .random: return random
        case .reinforce:
            let surrogate = LossNetwork.reinforceGenome(layout: loop.layout, section: c.lossNetwork)
            return zip(surrogate, random).map { $0 + 0.1 * $1 }
        }
    }

    /// Builds one agent so configuration problems surface now, not as NaN fitness.
    static func checkOneLifetimeBuilds(_ loop: LifetimeRunner, _ c: EPGConfiguration) throws {
        let task = try loop.family.task(seed: c.seed, split: .train, index: 0)
        _ = try Agent(loop.spec(task: task, seed: c.seed, path: ["epg", "check"]))
    }

    public var generation: Int { strategy.generation }

    /// α used at the next generation.
    public var alpha: Double { configuration.outer.alpha(generation: generation) }

    /// `EPGMetrics.columns`.
    public var metricsColumns: [String] { EPGMetrics.columns }

    public mutating func runGeneration() throws -> EPGMetrics {
        let g = generation, alpha = self.alpha
        let scores = try scoreCandidates(alpha: alpha)
        let report = try strategy.tell(scores.fitness)
        var metrics = EPGMetrics(report: report, alpha: alpha, lifetimes: scores.lifetimes, envSteps: scores.steps,
                                 skippedSteps: scores.skippedSteps)
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
