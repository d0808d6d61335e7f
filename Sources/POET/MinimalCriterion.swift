/// POET's minimal criterion (Brant & Stanley 2017; Wang et al. 2019, §3):
/// a child environment is admitted only when an agent's score in it lies in
/// [mc_low, mc_high] — not so hard that no current agent makes progress,
/// not so easy that it is already solved.
///
///     let mc = MinimalCriterion(low: 50, high: 300)
///     mc.admits(120)   // true
///     mc.admits(320)   // false: too easy
///     mc.admits(-80)   // false: too hard
public struct MinimalCriterion: Sendable, Equatable, Codable, CustomStringConvertible {
    public var low: Double
    public var high: Double

    public init(low: Double, high: Double) {
        precondition(low <= high, "mc_low must not exceed mc_high")
        self.low = low
        self.high = high
    }

    /// mc_low ≤ score ≤ mc_high (NaN never passes).
    public func admits(_ score: Double) -> Bool { score >= low && score <= high }

    /// The score clipped into [mc_low, mc_high] (PATA-EC's first step; NaN counts as mc_low).
    public func clip(_ score: Double) -> Double { score.isNaN ? low : min(max(score, low), high) }

    public var description: String { "[\(low), \(high)]" }
}
