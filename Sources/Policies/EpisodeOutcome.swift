/// What one episode produced: its undiscounted return and its length.
public struct EpisodeOutcome: Sendable, Equatable {
    /// Σ rewards (undiscounted), summed in Double.
    public var totalReward: Double
    public var steps: Int

    public init(totalReward: Double, steps: Int) {
        self.totalReward = totalReward
        self.steps = steps
    }
}
