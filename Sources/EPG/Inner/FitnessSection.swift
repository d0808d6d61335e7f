import Config

/// How a lifetime is scored (`fitness:`): EPG's outer loop MAXIMISES it.
///
/// ```yaml
/// fitness:
///   mode: last-episodes          # or final-policy, lifetime-mean
///   episodes: 10                 # E
/// ```
public struct FitnessSection: ConfigSection, Sendable, Equatable, Hashable {
    public enum Mode: String, Codable, Sendable, CaseIterable, Hashable {
        /// Mean return of the last E episodes the agent finished while learning (the paper's).
        case lastEpisodes = "last-episodes"
        /// Mean return of E extra episodes played by the final policy, without learning.
        case finalPolicy = "final-policy"
        /// Mean return of every episode of the lifetime: rewards learning fast.
        case lifetimeMean = "lifetime-mean"
    }

    /// Which returns count.
    public var mode = Mode.lastEpisodes
    /// E: episodes averaged (`last-episodes`, `final-policy`).
    public var episodes = 10

    public init() {}

    public func validate(_ check: ConfigValidator) throws {
        try check.range("episodes", episodes, 1...100_000)
    }
}
