import Config

/// The `poet:` section: the open-ended loop of environment–agent pairs
/// (Wang et al. 2019, *POET*, Algorithm 2; Enhanced POET, Wang et al. 2020).
/// Defaults are the paper's walker settings; `null` thresholds take the
/// parametric family's own (`populus env list`).
///
/// ```yaml
/// poet:
///   capacity: 20                 # active pairs (the oldest is archived beyond it)
///   reproduction_interval: 200   # N_mutate
///   transfer_interval: 25        # N_transfer
///   reproduction_threshold: 200  # a parent's score must reach it to reproduce
///   mc_low: 50                   # minimal criterion [mc_low, mc_high]
///   mc_high: 300
///   novelty: encoding            # or pata-ec (Enhanced POET)
/// ```
public struct POETSection: ConfigSection, Sendable, Equatable {
    /// Active pairs kept at most (POET's `max_num_envs`); the oldest pair is
    /// moved to the archive when an admission exceeds it.
    public var capacity = 20
    /// N_mutate: iterations between reproductions (none at iteration 0).
    public var reproductionInterval = 200
    /// N_transfer: iterations between transfer rounds (iteration 0 included).
    public var transferInterval = 25
    /// A pair reproduces when its latest score is at least this
    /// (`repro_threshold`; null: ⅔ of the family's mc_high — 200 for the walker).
    public var reproductionThreshold: Double? = nil
    /// mc_low: a child whose score is below it is too hard (null: the family's).
    public var mcLow: Double? = nil
    /// mc_high: a child whose score is above it is too easy (null: the family's).
    public var mcHigh: Double? = nil
    /// Score at which an environment counts as solved, for ANNECS (null: the family's — 230 for the walker).
    public var solvedThreshold: Double? = nil
    /// Children mutated per reproduction (`max_children`).
    public var maxChildren = 8
    /// Children admitted per reproduction at most (`max_admitted`).
    public var maxAdmitted = 1
    /// k: novelty is the mean distance to the k nearest environments (active and archived).
    public var noveltyK = 5
    /// How environments are compared for novelty: `encoding` (POET: normalised
    /// Euclidean distance between encodings) or `pata-ec` (Enhanced POET: the
    /// ranks of every agent's MC-clipped score).
    public var novelty: NoveltyMode = .encoding
    /// Which transfer candidates also take the one-ES-step proposal test:
    /// `all` (POET), `passing` (only agents whose direct transfer already beats
    /// the incumbent — Enhanced POET's cheaper rule) or `none`.
    public var proposalTransfer: ProposalMode = .all
    /// The incumbent is replaced only by a candidate scoring above the max of
    /// its last this-many self-evaluations (Enhanced POET: 5).
    public var incumbentWindow = 5
    /// Episodes of a self-evaluation, a transfer test or a minimal-criterion test
    /// (POET's `eval_batches_per_step` × `eval_batch_size`).
    public var evalEpisodes = 5
    /// Episodes per ES member and generation (POET's `batch_size`: 1).
    public var memberEpisodes = 1
    /// T_max: steps after which an episode is cut (null: the environment's limit).
    public var maxSteps: Int? = nil
    /// The environment the loop starts from, as the family's encoding
    /// (e.g. `{ground_roughness: 2.4, pit_gap: [0.8, 2.0]}`; null: the family's
    /// flat one). With `reproduction_interval` beyond `generations` the run is
    /// plain ES on that one environment: the direct baseline.
    public var startEncoding: EncodingValue? = nil
    /// The course seed of the starting environment (null: drawn from the run seed).
    public var startTerrainSeed: UInt64? = nil

    public init() {}

    public func validate(_ check: ConfigValidator) throws {
        try check.range("capacity", capacity, 1...10_000)
        try check.positive("reproductionInterval", reproductionInterval)
        try check.positive("transferInterval", transferInterval)
        try check.range("maxChildren", maxChildren, 1...10_000)
        try check.range("maxAdmitted", maxAdmitted, 1...10_000)
        try check.range("noveltyK", noveltyK, 1...10_000)
        try check.range("incumbentWindow", incumbentWindow, 1...10_000)
        try check.range("evalEpisodes", evalEpisodes, 1...10_000)
        try check.range("memberEpisodes", memberEpisodes, 1...10_000)
        if let maxSteps { try check.positive("maxSteps", maxSteps) }
        for (key, value) in [("reproductionThreshold", reproductionThreshold), ("mcLow", mcLow),
                             ("mcHigh", mcHigh), ("solvedThreshold", solvedThreshold)] {
            if let value { try check.require(key, value.isFinite, "a finite number, or null for the family's") }
        }
        if let mcLow, let mcHigh { try check.require("mcHigh", mcHigh >= mcLow, "mc_high ≥ mc_low (\(mcLow))") }
    }
}

/// How novelty compares environments.
public enum NoveltyMode: String, Codable, Sendable, CaseIterable {
    /// POET: Euclidean distance between encodings, each component divided by its scale.
    case encoding
    /// Enhanced POET's Performance of All Transferred Agents EC: the centered
    /// ranks of every agent's score, clipped to [mc_low, mc_high].
    case pataEC = "pata-ec"
}

/// Which transfer candidates take the proposal (fine-tuning) test.
public enum ProposalMode: String, Codable, Sendable, CaseIterable {
    case all, passing, none
}
