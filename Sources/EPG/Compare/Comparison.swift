import Agents
import Checkpoint
import Environments
import Evolution
import Foundation
import Random
import Runs

/// `populus compare`'s experiment: fresh agents on held-out tasks trained by
/// the evolved loss (α = 0), by PPO and by vanilla PG under the same budget T,
/// seed for seed on the same tasks with the same agent streams. The evolved
/// lifetimes also record cos(∇θL_φ, ∇θL_PPO) at every gradient step.
///
///     let c = Comparison(configuration: config, genome: run.best?.genome ?? run.strategy.mean,
///                        split: .ood, seeds: 8, baselines: [.ppo, .vpg], backend: LocalBackend(threads: 2))
///     let result = try c.run { done, total in print("\(done)/\(total) lifetimes") }
public struct Comparison: Sendable {
    public let configuration: EPGConfiguration
    /// φ.
    public let genome: [Float]
    public let split: TaskSplit
    public let seeds: Int
    public let baselines: [LearnerKind]
    /// Where the lifetimes run.
    public let backend: any EvaluationBackend

    public init(configuration: EPGConfiguration, genome: [Float], split: TaskSplit, seeds: Int,
                baselines: [LearnerKind], backend: any EvaluationBackend) {
        self.configuration = configuration
        self.genome = genome
        self.split = split
        self.seeds = seeds
        self.baselines = baselines
        self.backend = backend
    }

    /// The methods in report order.
    public var methods: [String] { ["evolved"] + baselines.map(Self.name) }

    /// A baseline's name in reports: `ppo`, `pg`.
    public static func name(_ learner: LearnerKind) -> String { learner == .vpg ? "pg" : learner.rawValue }

    /// Held-out task i: drawn from `split` under `(seed, ["compare"])` —
    /// never the draws evolution trained on (train split) or validated on.
    public func tasks() throws -> [AnyTask] {
        let family = try EnvironmentRegistry.standard.resolve(configuration.env)
        return try family.tasks(seed: streamKey(seed: configuration.seed, path: ["compare"]), split: split, count: seeds)
    }

    /// Runs every (method, seed) lifetime through the backend; `progress(done,
    /// total)` is called as this process's lifetimes finish, one call at a
    /// time, in order.
    public func run(progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> ComparisonResult {
        let family = try EnvironmentRegistry.standard.resolve(configuration.env)
        let loop = LifetimeRunner(family: family, inner: configuration.inner, lossNetwork: configuration.lossNetwork,
                             fitness: configuration.fitness)
        guard genome.count == loop.genomeLength else {
            throw EPGError.invalid("φ has \(genome.count) values; this configuration's loss network has \(loop.genomeLength)")
        }
        let tasks = try tasks()
        let methods = self.methods, baselines = self.baselines, genome = self.genome
        let compare = configuration.compare, runSeed = configuration.seed
        let total = methods.count * seeds, seeds = self.seeds
        let counter = ProgressCounter()
        let runs = try backend.map(total) { unit, _ -> MethodRun in
            defer { counter.increment { done in progress(done, total) } }
            let m = unit / seeds, i = unit % seeds
            let seed = streamKey(seed: runSeed, path: ["compare-agent", .init(i)])
            let path: [StreamPathComponent] = ["compare", .init(i)]
            do {
                if m == 0 {
                    let probe = GradientProbe()
                    let outcome = try loop.run(genome: genome, alpha: 0, task: tasks[i], seed: seed, path: path, probe: probe)
                    return MethodRun(method: methods[m], seed: i, task: tasks[i].description, outcome: outcome,
                                     alignment: probe.samples)
                }
                let learner = baselines[m - 1]
                let h = learner == .vpg ? compare.pg : compare.ppo
                let outcome = try loop.runBaseline(learner: learner, hyperparameters: h, task: tasks[i], seed: seed, path: path)
                return MethodRun(method: methods[m], seed: i, task: tasks[i].description, outcome: outcome, alignment: [])
            } catch {
                throw EPGError.invalid("a comparison lifetime failed: \(methods[m]) seed \(i): \(error)")
            }
        }
        return ComparisonResult(runs: runs, methods: methods, split: split, seeds: seeds,
                                budget: configuration.inner.lifetimeSteps, lastEpisodes: configuration.fitness.episodes)
    }
}

/// One lifetime of one method.
public struct MethodRun: Sendable {
    public var method: String
    public var seed: Int
    public var task: String
    public var outcome: LifetimeOutcome
    /// (t/T, cos(∇θL_φ, ∇θL_PPO)) per gradient step (evolved lifetimes only).
    public var alignment: [(time: Double, cosine: Double)]
}

extension MethodRun: UnitResult {
    public func encode(into writer: inout ByteWriter) {
        writer.string(method)
        writer.int(seed)
        writer.string(task)
        CodedResult(outcome.curve).encode(into: &writer)
        writer.doubles([outcome.fitness])
        for n in [outcome.evolvedSteps, outcome.skippedSteps, outcome.steps] { writer.int(n) }
        writer.doubles(alignment.map(\.time))
        writer.doubles(alignment.map(\.cosine))
    }

    public init(decoding reader: inout ByteReader) throws {
        method = try reader.string("method")
        seed = try reader.int("seed")
        task = try reader.string("task")
        let curve = try CodedResult<LearningCurve>(decoding: &reader).value
        let fitness = try reader.doubles("fitness")
        guard fitness.count == 1 else { throw ByteReaderError(what: "fitness", needed: 8, remaining: 0, offset: reader.offset) }
        let evolved = try reader.int("evolved steps"), skipped = try reader.int("skipped steps"), steps = try reader.int("steps")
        outcome = LifetimeOutcome(curve: curve, fitness: fitness[0], evolvedSteps: evolved, skippedSteps: skipped, steps: steps)
        let time = try reader.doubles("alignment time"), cosine = try reader.doubles("alignment cosine")
        alignment = zip(time, cosine).map { (time: $0, cosine: $1) }
    }
}

/// Counts finished lifetimes across threads and reports each count under its lock.
final class ProgressCounter: @unchecked Sendable {
    private let lock = WorkerLock()
    private var value = 0
    func increment(_ report: (Int) -> Void) {
        lock.locked {
            value += 1
            report(value)
        }
    }
}
