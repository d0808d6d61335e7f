import Agents
import Checkpoint
import Environments
import Evolution
import Random

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
/// Bitwise identical for any thread count: a lifetime depends only on
/// (φ, α, task, agent seed), all derived from (seed, generation, pair, k),
/// and each lifetime runs start to end on one thread.
public struct EPGRun: PopulationRun {
    public static let kind = "epg"

    public let configuration: EPGConfiguration
    public private(set) var strategy: Strategy
    public let innerLoop: InnerLoop
    /// The φ with the highest validation return so far.
    public private(set) var best: ValidatedLoss?
    /// The latest validation return (nil before the first).
    public private(set) var lastValidation: Double?
    let threads: Int

    /// A fresh run at generation 0 (φ₀ from `outer.initial_loss`).
    public init(configuration: EPGConfiguration, threads: Int) throws {
        self.configuration = configuration
        innerLoop = try Self.makeInnerLoop(configuration)
        self.threads = max(1, threads)
        strategy = try Strategy(configuration: configuration.es.strategyConfiguration(seed: configuration.seed),
                                mean: try Self.initialGenome(configuration, innerLoop), threads: self.threads)
        try Self.checkOneLifetimeBuilds(innerLoop, configuration)
    }

    /// The run as `checkpoint` left it (sections "strategy" and "epg").
    public init(configuration: EPGConfiguration, restoring checkpoint: Checkpoint, threads: Int) throws {
        let file = checkpoint.source ?? "checkpoint"
        self.configuration = configuration
        innerLoop = try Self.makeInnerLoop(configuration)
        self.threads = max(1, threads)
        do {
            let state = try StrategyState(encoded: try checkpoint.section(Checkpoint.strategy))
            guard state.mean.count == innerLoop.genomeLength else {
                throw EvolutionError.invalidState("μ has \(state.mean.count) values; the loss network has \(innerLoop.genomeLength) parameters")
            }
            strategy = try Strategy(configuration: configuration.es.strategyConfiguration(seed: configuration.seed),
                                    restoring: state, threads: self.threads)
        } catch let error as EvolutionError {
            throw CheckpointError(file: file, problem: .malformed("strategy section: \(error)"))
        }
        (best, lastValidation) = try Self.decodeOwnSection(checkpoint, genomeLength: innerLoop.genomeLength)
    }

    static func makeInnerLoop(_ c: EPGConfiguration) throws -> InnerLoop {
        InnerLoop(family: try EnvironmentRegistry.standard.resolve(c.env), inner: c.inner,
                  lossNetwork: c.lossNetwork, fitness: c.fitness)
    }

    /// φ₀: an earlier run's μ (`outer.warm_start`), the network's random
    /// initialisation, or the REINFORCE surrogate plus a tenth of it (so
    /// every weight starts off zero and ES has slopes to follow).
    static func initialGenome(_ c: EPGConfiguration, _ loop: InnerLoop) throws -> [Float] {
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
    static func checkOneLifetimeBuilds(_ loop: InnerLoop, _ c: EPGConfiguration) throws {
        let task = try loop.family.task(seed: c.seed, split: .train, index: 0)
        _ = try Agent(loop.spec(task: task, seed: c.seed, path: ["epg", "check"]))
    }

    public var generation: Int { strategy.generation }

    /// α used at the next generation.
    public var alpha: Double { configuration.outer.alpha(generation: generation) }

    /// The ES report's columns, then α, the validation return (NaN between
    /// validations), the best so far, lifetimes run, environment steps and
    /// gradient steps skipped because the loss or its gradient was not finite.
    public var metricsColumns: [String] {
        GenerationReport.metricsColumns + ["alpha", "test_return", "best_test_return", "lifetimes", "env_steps",
                                           "skipped_steps"]
    }

    public mutating func runGeneration() throws -> [Double] {
        let g = generation, alpha = self.alpha
        let k = configuration.outer.tasksPerCandidate
        let loop = innerLoop, family = innerLoop.family
        let slots = LifetimeTally(count: strategy.populationSize * k)
        let fitness = strategy.evaluate(episodes: k) { genome, context in
            let slot = context.member.index * k + context.episode
            guard let task = try? family.sample(.train, stream: context.stream("task")),
                  let outcome = try? loop.run(genome: genome, alpha: alpha, task: task, seed: context.seed,
                                              path: ["epg", "lifetime"])
            else { return .nan }
            slots.record(slot, steps: outcome.steps, nonFinite: outcome.skippedSteps)
            return Float(outcome.fitness)
        }
        let report = try strategy.tell(fitness)
        var lifetimes = slots.count, steps = slots.steps
        var testReturn = Double.nan
        if (g + 1) % configuration.outer.validationEvery == 0 {
            let v = validate(strategy.mean)
            testReturn = v.meanReturn
            lifetimes += v.lifetimes
            steps += v.steps
            lastValidation = testReturn
            if testReturn.isFinite, testReturn > best?.testReturn ?? -.infinity {
                best = ValidatedLoss(genome: strategy.mean, testReturn: testReturn, generation: g + 1)
            }
        }
        return report.metricsRow(wallSeconds: 0) + [alpha, testReturn, best?.testReturn ?? .nan, Double(lifetimes),
                                                    Double(steps), Double(slots.nonFinite)]
    }
}

/// A φ and the validation return μ reached when it was φ.
public struct ValidatedLoss: Sendable, Equatable {
    public var genome: [Float]
    /// Mean return of agents it trained on the validation tasks (α = 0).
    public var testReturn: Double
    /// Generations completed when it was validated.
    public var generation: Int
}

/// Per-lifetime counters written by parallel workers, one slot each (raw
/// storage: concurrent writes to disjoint slots of a Swift array property
/// would trip exclusivity checking).
final class LifetimeTally: @unchecked Sendable {
    private let slots: Int
    private let stepCounts: UnsafeMutablePointer<Int>
    private let nonFiniteCounts: UnsafeMutablePointer<Int>
    private let done: UnsafeMutablePointer<Bool>

    init(count: Int) {
        slots = count
        stepCounts = .allocate(capacity: max(count, 1))
        stepCounts.initialize(repeating: 0, count: max(count, 1))
        nonFiniteCounts = .allocate(capacity: max(count, 1))
        nonFiniteCounts.initialize(repeating: 0, count: max(count, 1))
        done = .allocate(capacity: max(count, 1))
        done.initialize(repeating: false, count: max(count, 1))
    }

    deinit {
        stepCounts.deallocate()
        nonFiniteCounts.deallocate()
        done.deallocate()
    }

    /// Each slot is written by exactly one worker.
    func record(_ slot: Int, steps: Int, nonFinite: Int) {
        precondition(slot >= 0 && slot < slots, "LifetimeTally: slot \(slot) outside 0..<\(slots)")
        stepCounts[slot] = steps
        nonFiniteCounts[slot] = nonFinite
        done[slot] = true
    }

    var count: Int { (0..<slots).filter { done[$0] }.count }
    var steps: Int { (0..<slots).reduce(0) { $0 + stepCounts[$1] } }
    var nonFinite: Int { (0..<slots).reduce(0) { $0 + nonFiniteCounts[$1] } }
}
