import Checkpoint
import Environments
import Evolution
import Policies
import Random
import Runs

/// The Paired Open-Ended Trailblazer (Wang et al. 2019) with Enhanced POET's
/// transfer rule and, optionally, its PATA-EC novelty (Wang et al. 2020):
/// the `poet` run kind of `populus evolve`. One iteration (one "generation"
/// of the driver) is
///
/// 1. every `reproduction_interval` iterations (not at 0): parents scoring at
///    least the reproduction threshold mutate into up to `max_children`
///    children; those whose parent's agent scores within the minimal
///    criterion are ranked by novelty, and the most novel whose best
///    transferred agent also meets it are admitted (`max_admitted`) with that
///    agent; beyond `capacity` the oldest pairs retire to the archive;
/// 2. every agent takes one ES step in its own environment and is
///    self-evaluated (all pairs' episodes in one parallel pass);
/// 3. every `transfer_interval` iterations: each agent is tried in every
///    other environment as is (direct) and after one ES step there
///    (proposal); the best candidate replaces the incumbent only when it beats
///    the max of the incumbent's last `incumbent_window` self-evaluations.
///
///     var run = try POETRun(configuration: config, threads: 2)
///     while run.generation < config.generations { _ = try run.runGeneration() }
///     print(run.annecs, run.pairs.map(\.encoding))
///
/// Every draw derives from the run seed and integers (iteration, pair id,
/// agent epoch, member, episode), and each episode runs start to end on one
/// thread, so runs are bitwise identical for any thread count and across
/// kill and resume.
public struct POETRun: PopulationRun {
    public static let kind = "poet"

    public let configuration: POETConfiguration
    public let family: AnyParametricFamily
    public let thresholds: POETThresholds
    public let rollout: PolicyRollout
    /// Where episodes run (execution only, never results).
    public let backend: any EvaluationBackend
    /// Iterations completed.
    public internal(set) var iteration = 0
    /// Active pairs, oldest first.
    public internal(set) var pairs: [Pair] = []
    /// Retired pairs, in retirement order.
    public internal(set) var archive: [Pair] = []
    /// The id the next admitted pair gets.
    public internal(set) var nextID = 0
    public internal(set) var totals = Totals()
    /// `events.jsonl`, one line per event, oldest first.
    public internal(set) var events: [String] = []
    /// The file the events are appended to (once the driver attached a directory).
    var eventLog: EventFile?

    /// Running counts over the whole run.
    public struct Totals: Sendable, Equatable {
        public var envSteps = 0
        public var transfers = 0
        public var reproductions = 0
    }

    /// A fresh loop: the family's initial (flat) environment, or
    /// `poet.start_encoding`, paired with the policy network's initial genome.
    public init(configuration: POETConfiguration, backend: any EvaluationBackend) throws {
        try self.init(configuration: configuration, backend: backend, empty: ())
        let first = try makePair(encoding: try configuration.startEncoding(in: family) ?? family.initialEncoding,
                                 terrainSeed: configuration.poet.startTerrainSeed
                                     ?? streamKey(seed: configuration.seed, path: ["poet-terrain", 0]),
                                 parent: nil, novelty: 0, genome: rollout.network.initialGenome(
                                     seed: configuration.seed, outputGain: configuration.policy.outputGain))
        admit(first, mcScore: nil, source: nil)
    }

    /// Everything but the pairs.
    init(configuration: POETConfiguration, backend: any EvaluationBackend, empty: Void) throws {
        self.configuration = configuration
        family = try POETConfiguration.family(named: configuration.env)
        thresholds = POETThresholds(section: configuration.poet, family: family)
        rollout = PolicyRollout(
            network: PolicyRollout.network(observationSpace: family.observationSpace, actionSpace: family.actionSpace,
                                           hiddenSizes: configuration.policy.hiddenSizes,
                                           activation: configuration.policy.activation),
            actionSpace: family.actionSpace, maxSteps: configuration.poet.maxSteps)
        self.backend = backend
    }

    public var generation: Int { iteration }

    var engine: ParallelEpisodes { ParallelEpisodes(rollout: rollout, backend: backend) }

    // MARK: Seeds

    /// The ES noise seed of agent epoch `epoch` of pair `id`.
    func agentSeed(pair id: Int, epoch: Int) -> UInt64 {
        streamKey(seed: configuration.seed, path: ["poet-agent", .init(id), .init(epoch)])
    }

    /// Episode seeds of evaluations in pair `id`'s environment at iteration t:
    /// the self-evaluation and every transfer test into it share them
    /// (common random numbers), so they compete on the same episodes.
    func evaluationSeeds(pair id: Int, iteration t: Int) -> [UInt64] {
        (0..<configuration.poet.evalEpisodes).map {
            streamKey(seed: configuration.seed, path: ["poet-eval", .init(id), .init(t), .init($0)])
        }
    }

    /// A search over `genome` for pair `id`'s current agent epoch.
    func strategy(seed: UInt64, mean: [Float]) throws -> Strategy {
        try Strategy(configuration: configuration.es.strategyConfiguration(seed: seed), mean: mean, threads: backend.threads)
    }

    func makePair(encoding: AnyEncoding, terrainSeed: UInt64, parent: Int?, novelty: Double, genome: [Float]) throws -> Pair {
        Pair(id: nextID, encoding: encoding, terrainSeed: terrainSeed, parent: parent, createdAt: iteration,
             novelty: novelty, strategy: try strategy(seed: agentSeed(pair: nextID, epoch: 0), mean: genome))
    }

    /// The environment of a pair (its own course).
    func environment(of encoding: AnyEncoding, terrainSeed: UInt64) throws -> any Environment {
        try family.makeEnvironment(encoding, terrainSeed: terrainSeed)
    }

    func environment(of pair: Pair) throws -> any Environment {
        try environment(of: pair.encoding, terrainSeed: pair.terrainSeed)
    }

    mutating func admit(_ pair: Pair, mcScore: Double?, source: TransferCandidate?) {
        var fields: [(String, EventValue)] = [
            ("env", .int(pair.id)), ("parent", .int(pair.parent)), ("encoding", .raw(pair.encoding.json)),
            ("terrain_seed", .string(String(pair.terrainSeed))), ("novelty", .number(pair.novelty)),
        ]
        if let mcScore { fields.append(("mc_score", .number(mcScore))) }
        if let source {
            fields += [("score", .number(source.score)), ("agent_source", .int(source.source)),
                       ("agent_kind", .string(source.kind.rawValue))]
        }
        events.append(POETEvent.line(iteration, "created", fields))
        pairs.append(pair)
        nextID = max(nextID, pair.id + 1)
    }

    // MARK: The iteration

    /// Reproduction (when due), one ES step and self-evaluation per pair,
    /// transfers (when due); returns the metrics row.
    public mutating func runGeneration() throws -> POETMetrics {
        let t = iteration
        var summary = IterationSummary()
        let poet = configuration.poet
        if t > 0 && t % poet.reproductionInterval == 0 { try reproduce(summary: &summary) }
        try optimize(summary: &summary)
        if pairs.count > 1 && t % poet.transferInterval == 0 { try transfer(summary: &summary) }
        events.append(POETEvent.line(t, "scores", [
            ("scores", .array(pairs.map { .array([.int($0.id), .number($0.score)]) })),
        ]))
        totals.envSteps += summary.envSteps
        totals.transfers += summary.transfers
        iteration = t + 1
        try flushEvents()
        return metricsRow(t, summary)
    }

    /// What one iteration did, for its metrics row.
    struct IterationSummary {
        var envSteps = 0
        var transfers = 0
        var admitted = 0
    }

    // MARK: Results

    /// Pairs ever admitted, active then archived.
    public var allPairs: [Pair] { pairs + archive }

    /// ANNECS (Wang et al. 2020): environments created after the first that
    /// passed the minimal criterion when admitted and were later solved.
    public var annecs: Int { allPairs.filter { $0.parent != nil && $0.solvedAt != nil }.count }

    public var metricsColumns: [String] { POETMetrics.columns }

    func metricsRow(_ t: Int, _ s: IterationSummary) -> POETMetrics {
        POETMetrics(iteration: t, scores: pairs.map(\.score).filter { !$0.isNaN }, active: pairs.count,
                    archived: archive.count, created: nextID - 1, annecs: annecs,
                    solvedActive: pairs.filter { $0.solvedAt != nil }.count, admitted: s.admitted,
                    transfers: s.transfers, transfersTotal: totals.transfers, envSteps: s.envSteps,
                    envStepsTotal: totals.envSteps)
    }

    public var bestFitness: Double? {
        let best = allPairs.map(\.bestScore).filter(\.isFinite)
        return best.max()
    }
}
