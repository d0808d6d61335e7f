import Random

/// A value-type generator (SplitMix64, Steele et al. 2014) for the random
/// draws an environment makes *during* an episode (a bandit's rewards).
/// Seeded at `reset` from the reset stream, it keeps environments plain
/// values: copying one copies its future draws too, and nothing is shared
/// between threads.
public struct EpisodeRandom: Sendable, Equatable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return splitMix64(state)
    }

    /// Uniform on [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next64() >> 11) * 0x1p-53 }
}
