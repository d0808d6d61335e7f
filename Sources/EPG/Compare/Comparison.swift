import Agents
import Checkpoint
import Environments
import Evolution
import Foundation
import Random
import Runs

/// `populus compare`'s experiment: fresh agents on held-out tasks trained by
/// an evolved objective (α = 0) and by built-in learners (PPO, DPO, vanilla
/// PG) under the same budget T, seed for seed on the same tasks with the same
/// agent streams. Evolved lifetimes that can also record cos(∇θL_φ,
/// ∇θL_PPO) at every gradient step (EPG's) do.
///
///     let c = Comparison(lifetimes: run.lifetimes, runSeed: config.seed, genome: run.best?.genome ?? run.strategy.mean,
///                        split: .ood, seeds: 8, baselines: [.ppo, .vpg], lastEpisodes: 10,
///                        backend: LocalBackend(threads: 2))
///     let result = try c.run { done, total in print("\(done)/\(total) lifetimes") }
public struct Comparison: Sendable {
    /// How agents are trained and scored (the run's own, or another environment's for a transfer).
    public let lifetimes: any ObjectiveLifetimes
    /// The run seed: held-out tasks and agent streams derive from it.
    public let runSeed: UInt64
    /// φ.
    public let genome: [Float]
    public let split: TaskSplit
    public let seeds: Int
    public let baselines: [LearnerKind]
    /// E: a lifetime's final return is the mean of its last E episodes.
    public let lastEpisodes: Int
    /// Where the lifetimes run.
    public let backend: any EvaluationBackend

    public init(lifetimes: any ObjectiveLifetimes, runSeed: UInt64, genome: [Float], split: TaskSplit, seeds: Int,
                baselines: [LearnerKind], lastEpisodes: Int, backend: any EvaluationBackend) {
        self.lastEpisodes = lastEpisodes
        self.lifetimes = lifetimes
        self.runSeed = runSeed
        self.genome = genome
        self.split = split
        self.seeds = seeds
        self.baselines = baselines
        self.backend = backend
    }

    /// The methods in report order.
    public var methods: [String] { ["evolved"] + baselines.map(Self.name) }

    /// A baseline's name in reports: `ppo`, `dpo`, `pg`.
    public static func name(_ learner: LearnerKind) -> String { learner == .vpg ? "pg" : learner.rawValue }

    /// Held-out task i: drawn from `split` under `(seed, ["compare"])` —
    /// never the draws evolution trained on (train split) or validated on.
    public func tasks() throws -> [AnyTask] {
        try lifetimes.family.tasks(seed: streamKey(seed: runSeed, path: ["compare"]), split: split, count: seeds)
    }

    /// Runs every (method, seed) lifetime through the backend; `progress(done,
    /// total)` is called as this process's lifetimes finish, one call at a
    /// time, in order.
    public func run(progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> ComparisonResult {
        let loop = lifetimes
        guard genome.count == loop.genomeLength else {
            throw EPGError.invalid("φ has \(genome.count) values; this objective has \(loop.genomeLength)")
        }
        let tasks = try tasks()
        let methods = self.methods, baselines = self.baselines, genome = self.genome, runSeed = self.runSeed
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
                let outcome = try loop.runBaseline(learner: baselines[m - 1], task: tasks[i], seed: seed, path: path)
                return MethodRun(method: methods[m], seed: i, task: tasks[i].description, outcome: outcome, alignment: [])
            } catch {
                throw EPGError.invalid("a comparison lifetime failed: \(methods[m]) seed \(i): \(error)")
            }
        }
        return ComparisonResult(runs: runs, methods: methods, split: split, seeds: seeds,
                                budget: loop.lifetimeSteps, lastEpisodes: lastEpisodes)
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
