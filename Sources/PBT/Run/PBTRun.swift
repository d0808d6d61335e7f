import Agents
import Checkpoint
import Environments
import Foundation
import Random
import Runs

/// Population Based Training (Jaderberg et al. 2017): P PPO agents train side
/// by side on one task; every `interval` environment steps each is ready, is
/// scored on its recent mean return, and the weak copy the strong — weights,
/// Adam's state, normalisers and hyperparameters (exploit) — then perturb or
/// resample the hyperparameters they copied (explore). The `pbt` run kind of
/// `populus evolve`; one generation is one interval of every member.
///
///     var run = try PBTRun(configuration: config, threads: 2)
///     while run.generation < config.generations { _ = try run.runGeneration() }
///     let best = run.members[run.bestMember]          // its agent, point, score
///
/// **Synchronous mode** (the default): all members train their interval
/// (concurrently), then all exploit on one snapshot of the scores and the
/// weights. Every draw comes from `(seed, ["pbt", purpose, generation, member])`
/// and every member owns its streams, so a run is bitwise identical for any
/// thread count, and a run killed and resumed from any checkpoint ends where
/// a straight run ends.
///
/// **Asynchronous mode**: a member exploits as soon as it is ready, against
/// the scores and weights the others have *published* so far (each publishes
/// at its own ready check; a member not yet ready this generation offers its
/// previous one). Nobody waits for the slowest member to decide, but which
/// state a member sees depends on which members finished first — on thread
/// timing — so two runs with the same seed differ once more than one thread
/// trains (with `--threads 1` members go in index order and runs repeat).
/// Checkpoints are still written between generations with the published
/// board included, so a resumed asynchronous run continues from a coherent
/// state, but it is not bitwise the run that would have gone straight on.
public struct PBTRun: PopulationRun, Sendable {
    public static let kind = "pbt"

    public let configuration: PBTConfiguration
    /// The searched hyperparameters.
    public let space: HyperparameterSpace
    /// Where members train (results do not depend on it in synchronous mode).
    /// Members' agents live in this process, so the backend must be local.
    public let backend: any EvaluationBackend
    public internal(set) var members: [PBTMember]
    public internal(set) var generation = 0
    /// Every start and exploit so far (also in `lineage.jsonl`).
    public internal(set) var lineage: [LineageRecord] = []
    /// The highest member score seen at any ready check.
    public internal(set) var bestFitness: Double?
    /// Asynchronous mode: every member's last published state.
    var board: [MemberSnapshot]?
    /// Where lineage records are appended once the run is attached to its directory.
    var log: LineageLog?
    /// Where this process spent its time (not checkpointed).
    public internal(set) var timings = PBTTimings()

    /// A fresh population: member m's hyperparameters drawn from the prior
    /// with `(seed, ["pbt", "prior", m])` (or the `ppo:` values), its agent's
    /// streams under `(seed, ["pbt", m])`, all on the config's task.
    public init(configuration: PBTConfiguration, backend: any EvaluationBackend) throws {
        self.configuration = configuration
        space = try HyperparameterSpace(configuration.pbt.hyperparameters)
        self.backend = try Self.require(backend)
        let family = try EnvironmentRegistry.standard.resolve(configuration.env)
        let task = try family.task(seed: configuration.seed, split: configuration.taskSplit, index: configuration.taskIndex)
        var members: [PBTMember] = [], starts: [LineageRecord] = []
        for m in 0..<configuration.pbt.populationSize {
            let point: [Double]
            switch configuration.pbt.initial {
            case .prior: point = space.sample(RandomStream(seed: configuration.seed, path: ["pbt", "prior", .init(m)]))
            case .base: point = space.point(of: configuration.ppo)
            }
            var h = configuration.ppo
            space.apply(point, to: &h)
            let spec = AgentSpec(task: task, hyperparameters: h, learner: configuration.learner,
                                 lifetimeSteps: Self.lifetime, seed: configuration.seed, path: ["pbt", .init(m)])
            members.append(PBTMember(index: m, agent: try Agent(spec), point: point))
            starts.append(LineageRecord(event: .start, generation: 0, step: 0, target: m,
                                        new: Self.named(point, in: space)))
        }
        self.members = members
        lineage = starts
        if configuration.pbt.mode == .asynchronous {
            board = members.map { MemberSnapshot(of: $0, score: .nan) }
        }
    }

    /// Agents' lifetime budget: only `train(until: nil)` and α-annealing read
    /// it, and PBT uses neither, so it is a constant — a raised `generations`
    /// must not change the agents' state.
    static let lifetime = 1 << 40

    /// Opens `lineage.jsonl` in the run directory and makes it hold exactly
    /// the records so far (a resumed run drops lines written after its checkpoint).
    public mutating func attach(to directory: RunDirectory) throws {
        let log = LineageLog(directory: directory.root)
        try log.rewrite(lineage)
        self.log = log
    }

    /// Members' agents are objects of this process; a backend of other
    /// processes could not train them in place.
    static func require(_ backend: any EvaluationBackend) throws -> any EvaluationBackend {
        guard backend.isLocal else {
            throw RunError("pbt trains its members' agents in place and runs on one process's threads; this backend spans processes")
        }
        return backend
    }

    /// Runs one interval of every member, then exploit and explore; returns the metrics.
    public mutating func runGeneration() throws -> PBTMetrics {
        switch configuration.pbt.mode {
        case .synchronous: return try runSynchronous()
        case .asynchronous: return try runAsynchronous()
        }
    }

    /// The member with the highest score at the last ready check (ties: lowest index).
    public var bestMember: Int { ExploitRule.ranking(members.map(\.score)).first ?? 0 }

    /// `point` as a name → value mapping (for lineage records).
    func named(_ point: [Double]) -> [String: Double] { Self.named(point, in: space) }

    static func named(_ point: [Double], in space: HyperparameterSpace) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(space.names, point))
    }

    /// The environment-step count member `m` reaches at the end of generation `g` (0-based): (g + 1)·interval.
    func readyStep(_ g: Int) -> Int { (g + 1) * configuration.pbt.interval }

    /// Member m's exploit and explore streams for the current generation.
    func stream(_ purpose: String, _ m: Int) -> RandomStream {
        RandomStream(seed: configuration.seed, path: ["pbt", .label(purpose), .init(generation), .init(m)])
    }

    /// `target` takes `source`'s snapshot with explored hyperparameters; returns the lineage record.
    func exploit(_ target: PBTMember, from source: Int, _ snapshot: MemberSnapshot, targetScore: Double,
                 rng: RandomStream) throws -> LineageRecord {
        let old = target.point
        let new = space.explore(snapshot.point, rule: configuration.pbt.exploreRule, rng: rng)
        var learning = snapshot.learning
        space.apply(new, to: &learning.hyperparameters)
        try target.agent.setLearningState(learning)
        target.point = new
        target.scoreFrom = target.agent.curve.episodes.count
        target.inheritedScore = snapshot.score
        target.exploits += 1
        return LineageRecord(event: .exploit, generation: generation + 1, step: target.agent.steps, target: target.index,
                             source: source, sourceStep: snapshot.step, old: named(old), new: named(new),
                             targetScore: targetScore, sourceScore: snapshot.score)
    }

    /// Books a finished generation: lineage (memory and file), best score, counter.
    mutating func finish(_ records: [LineageRecord], scores: [Double]) throws {
        for s in scores where !s.isNaN { bestFitness = max(bestFitness ?? s, s) }
        lineage += records
        generation += 1
        try log?.append(records)
    }
}

/// Seconds this process spent training members and doing PBT's own work
/// (scoring, exploit decisions, snapshots and copies, explore, lineage).
public struct PBTTimings: Sendable, Equatable {
    /// Wall seconds with members training.
    public var training = 0.0
    /// Wall seconds of PBT's bookkeeping and copying.
    public var bookkeeping = 0.0
    /// Generations timed.
    public var generations = 0

    /// Bookkeeping's share of the time: bookkeeping / (training + bookkeeping).
    public var overheadShare: Double { training + bookkeeping > 0 ? bookkeeping / (training + bookkeeping) : 0 }
}

/// Seconds since `start` on the monotonic clock.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
