/// The bookkeeping rules of the loop, as pure functions so they can be
/// checked on hand-made cases.
public enum CapacityRule {
    /// How many of the oldest active pairs retire when `activeCount` pairs
    /// exceed `capacity` (POET's `remove_oldest`): the first ones in creation order.
    public static func retirements(activeCount: Int, capacity: Int) -> Int {
        precondition(capacity >= 1, "capacity must be positive")
        return max(0, activeCount - capacity)
    }
}

/// A scored stand-in for the incumbent agent of a pair.
public struct TransferCandidate: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case direct, proposal }
    /// The pair whose agent it comes from.
    public var source: Int
    public var kind: Kind
    /// Its mean return in the target environment.
    public var score: Double
    /// Its policy parameters θ.
    public var genome: [Float]

    public init(source: Int, kind: Kind, score: Double, genome: [Float]) {
        self.source = source
        self.kind = kind
        self.score = score
        self.genome = genome
    }
}

/// Enhanced POET's transfer rule: the best candidate replaces the incumbent
/// only when it scores above the maximum of the incumbent's last few
/// self-evaluations, so a lucky evaluation of a transfer cannot oust an
/// agent that has been doing as well.
public enum TransferRule {
    /// The bar a candidate must beat: max of the last `window` self-evaluations
    /// (−∞ when there are none, NaN ignored).
    public static func threshold(recentScores: [Double], window: Int) -> Double {
        recentScores.suffix(window).filter { !$0.isNaN }.max() ?? -.infinity
    }

    /// The candidate that replaces the incumbent, or nil. The best candidate
    /// (first on ties) must be strictly above `threshold(recentScores:window:)`.
    public static func choose(_ candidates: [TransferCandidate], recentScores: [Double], window: Int) -> TransferCandidate? {
        var best: TransferCandidate? = nil
        for c in candidates where !c.score.isNaN && (best == nil || c.score > best!.score) { best = c }
        guard let best, best.score > threshold(recentScores: recentScores, window: window) else { return nil }
        return best
    }
}
