import Checkpoint
import Config
import Environments
import Evolution
import Policies
import Random
import Runs

/// ES policy search (Salimans et al. 2017): a population of perturbed
/// policies θ = μ ± σε plays episodes in parallel, and μ climbs the return
/// (fitness is MAXIMISED). The `es` run kind of `populus evolve`.
///
///     var run = try ESRun(configuration: config, threads: 2)
///     while run.generation < config.generations {
///         let metrics = try run.runGeneration()
///     }
///     let policy = run.strategy.mean             // μ: load into Autodiff.MLP with setFlatValues
///
/// Results are bitwise identical for any thread count or backend: ε, tasks
/// and start states derive from (seed, generation, pair, episode), and each
/// episode runs start to end on one thread.
public struct ESRun: PopulationRun {
    public static let kind = "es"

    public let configuration: ESConfiguration
    /// The ES state: μ, σ, optimizer moments, best member, generation.
    public private(set) var strategy: Strategy
    /// Plays the episodes.
    public let runner: EpisodeRunner
    /// Where members are evaluated.
    public let backend: any EvaluationBackend
    /// The last generation's report (nil before the first, and after a restore).
    public private(set) var lastReport: GenerationReport?

    /// A fresh search from μ₀ (the engine's MLP initialisation, drawn from the seed).
    public init(configuration: ESConfiguration, backend: any EvaluationBackend) throws {
        runner = try Self.makeRunner(configuration)
        self.configuration = configuration
        self.backend = backend
        let mean = runner.network.initialGenome(seed: configuration.seed, outputGain: configuration.policy.outputGain)
        strategy = try Strategy(configuration: configuration.es.strategyConfiguration(seed: configuration.seed),
                                mean: mean, threads: backend.threads)
    }

    /// The search as `checkpoint` left it (its "strategy" section).
    public init(configuration: ESConfiguration, restoring checkpoint: Checkpoint, backend: any EvaluationBackend) throws {
        let file = checkpoint.source ?? "checkpoint"
        runner = try Self.makeRunner(configuration)
        self.configuration = configuration
        self.backend = backend
        do {
            let state = try StrategyState(encoded: try checkpoint.section(Checkpoint.strategy))
            guard state.mean.count == runner.network.parameterCount else {
                throw EvolutionError.invalidState(
                    "μ has \(state.mean.count) values; the policy \(Self.describe(runner.network)) has \(runner.network.parameterCount) parameters")
            }
            strategy = try Strategy(configuration: configuration.es.strategyConfiguration(seed: configuration.seed),
                                    restoring: state, threads: backend.threads)
        } catch let error as EvolutionError {
            throw CheckpointError(file: file, problem: .malformed("strategy section: \(error)"))
        }
    }

    static func makeRunner(_ c: ESConfiguration) throws -> EpisodeRunner {
        let family = try EnvironmentRegistry.standard.resolve(c.env)
        let sizes = [family.observationSpace.dimension] + c.policy.hiddenSizes
            + [EpisodeRunner.outputWidth(for: family.actionSpace)]
        return EpisodeRunner(family: family, network: PolicyNetwork(sizes: sizes, activation: c.policy.activation),
                             split: c.evaluation.split, maxSteps: c.evaluation.maxSteps, actions: c.policy.actions)
    }

    public var generation: Int { strategy.generation }

    /// `GenerationReport`'s columns, then the return of μ itself and the
    /// environment steps the generation took.
    public var metricsColumns: [String] { GenerationReport.metricsColumns + ["mean_policy_return", "env_steps"] }

    /// Scores every member on `evaluation.episodes` episodes (in parallel,
    /// four members at a time), scores μ on as many (in the same map), and
    /// tells the strategy (with the ε drawn for the evaluation, see
    /// `noiseMatrixLimit`).
    public mutating func runGeneration() throws -> ESMetrics {
        let episodes = configuration.evaluation.episodes
        let meanSeeds = (0..<episodes).map {
            streamKey(seed: configuration.seed, path: ["es-mean-eval", .init(generation), .init($0)])
        }
        let (fitness, populationSteps, noise, meanOutcomes) = try evaluate(keepingNoise: true, meanSeeds: meanSeeds)
        var envSteps = populationSteps
        var meanReturn = 0.0
        for outcome in meanOutcomes {  // in episode order, as before
            meanReturn += outcome.totalReward
            envSteps += outcome.steps
        }
        let report = try strategy.tell(fitness, noise: noise)
        lastReport = report
        return ESMetrics(report: report, meanPolicyReturn: meanReturn / Double(episodes), envSteps: envSteps)
    }

    public func save(into checkpoint: inout Checkpoint) {
        checkpoint[Checkpoint.strategy] = strategy.state.encoded
    }

    public var bestFitness: Double? { strategy.state.best.map { Double($0.fitness) } }

    /// SHA-256 of generation, μ, σ and the optimizer's moments and step.
    public var stateDigest: String { strategy.state.digest }

    public func inspection() -> [(label: String, value: String)] {
        let s = strategy.configuration
        var lines: [(label: String, value: String)] = [
            ("env", "\(configuration.env) (\(runner.family.name), split \(runner.split))"),
            ("policy", "\(Self.describe(runner.network)), \(runner.network.parameterCount) parameters, \(configuration.policy.actions.rawValue) actions"),
            ("strategy", "\(s.algorithm.rawValue), population \(s.populationSize)\(s.antithetic ? " (antithetic)" : ""), \(s.shaping.rawValue)"),
            ("sigma mean", "\(strategy.state.sigmaMean)"),
            ("mean norm", "\(euclideanNorm(strategy.mean))"),
            ("optimizer steps", "\(strategy.state.optimizer.step)"),
        ]
        if let best = strategy.state.best {
            lines.append(("best member", "generation \(best.generation), member \(best.member)"))
        }
        return lines
    }

    static func describe(_ network: PolicyNetwork) -> String {
        network.sizes.map(String.init).joined(separator: "-") + " " + network.activation.rawValue
    }
}
