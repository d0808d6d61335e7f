import Environments
import Evolution

/// One niche of the loop: an environment (encoding θ_E and the seed fixing
/// its course) paired with the agent optimised in it (an ES search whose
/// mean μ is the agent's policy θ_A). Retired pairs keep their last state in
/// the archive.
public struct Pair: Sendable {
    /// Creation order: 0 is the flat starting environment.
    public let id: Int
    public let encoding: AnyEncoding
    public let terrainSeed: UInt64
    /// The pair whose environment was mutated into this one (nil for the first).
    public let parent: Int?
    /// The iteration it was admitted at.
    public let createdAt: Int
    /// Its novelty when admitted (0 for the first).
    public let novelty: Double
    /// The iteration it was archived at (nil while active).
    public var retiredAt: Int?
    /// How many times a transferred agent replaced the incumbent.
    public var transfersIn = 0
    /// The agent: μ, σ, Adam's moments and its generation counter. A
    /// transfer starts a new agent epoch with a fresh search.
    public var strategy: Strategy
    /// The ES noise seed of the current agent epoch.
    public var epoch = 0
    /// Self-evaluation scores, newest last (at most `window` kept).
    public var recentScores: [Double] = []
    /// The latest self-evaluation (or accepted transfer) score; NaN before the first.
    public var score = Double.nan
    /// The best score seen in this environment.
    public var bestScore = -Double.infinity
    /// The iteration an agent first reached the solved threshold here.
    public var solvedAt: Int?

    public init(id: Int, encoding: AnyEncoding, terrainSeed: UInt64, parent: Int?, createdAt: Int,
                novelty: Double, strategy: Strategy) {
        self.id = id
        self.encoding = encoding
        self.terrainSeed = terrainSeed
        self.parent = parent
        self.createdAt = createdAt
        self.novelty = novelty
        self.strategy = strategy
    }

    /// θ_A: the agent's policy (the search mean).
    public var genome: [Float] { strategy.mean }

    /// Records a score: latest, best, the incumbent window and the first solve.
    mutating func record(_ value: Double, iteration: Int, window: Int, solvedThreshold: Double) -> Bool {
        score = value
        recentScores.append(value)
        if recentScores.count > window { recentScores.removeFirst(recentScores.count - window) }
        if value > bestScore { bestScore = value }
        if solvedAt == nil && value >= solvedThreshold {
            solvedAt = iteration
            return true
        }
        return false
    }
}
