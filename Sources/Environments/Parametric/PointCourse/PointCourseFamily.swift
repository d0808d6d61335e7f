import Random

/// `point-course`: the cheap parametric family for tests and the quick POET
/// config. Encodings are POET-shaped obstacle ranges (pit widths, wall
/// heights) mutated as POET mutates pit gaps and stump heights; a course is
/// fixed by its terrain seed (`PointCourseLayout`). An episode is at most 300
/// steps of a few floating-point operations each.
///
/// Mutation (every enabled kind, each time, as in POET's `Reproducer`):
/// a disabled kind starts at pits [0, 0.8] m / walls [0, 0.4] m; an enabled
/// one moves its ends by ±0.4 m / ±0.2 m (`RangeMutation`), ends within
/// [0, 4] m for pits and [0, 1.6] m for walls. Novelty: Euclidean distance
/// over (pit low, pit high, wall low, wall high) divided by (4, 4, 1.6, 1.6).
/// Solved at 190 (95% of the full course's 200).
public struct PointCourseFamily: ParametricFamily {
    public enum Kind: String, Sendable, Codable, CaseIterable { case pit, wall }

    /// The obstacle kinds mutation may enable.
    public var kinds: [Kind]

    public static let pitMutation = RangeMutation(initial: (0, 0.8), increment: 0.4, maximum: (4, 4))
    public static let wallMutation = RangeMutation(initial: (0, 0.4), increment: 0.2, maximum: (1.6, 1.6))

    public init(kinds: [Kind] = [.pit, .wall]) {
        precondition(!kinds.isEmpty, "point-course needs at least one obstacle kind to mutate")
        self.kinds = kinds
    }

    public var name: String { "point-course" }
    public var summary: String {
        "POET-style parametric course for a running, jumping point mass (pits and walls; 7 obs, 2 actions); 300 steps"
    }
    public var initialEncoding: PointCourseEncoding { .flat }
    public var solvedThreshold: Double { 190 }
    /// A child must let the parent's agent cross at least 2.5 m (25) and not
    /// finish outright (185).
    public var minimalCriterion: ClosedRange<Double> { 25...185 }
    public var observationSpace: Space { PointCourse.observationSpace }
    public var actionSpace: Space { PointCourse.actionSpace }

    public var bounds: [ParameterBound] {
        [
            ParameterBound("pit_gap.low", lower: 0, upper: 4, scale: 4),
            ParameterBound("pit_gap.high", lower: 0, upper: 4, scale: 4),
            ParameterBound("wall_height.low", lower: 0, upper: 1.6, scale: 1.6),
            ParameterBound("wall_height.high", lower: 0, upper: 1.6, scale: 1.6),
        ]
    }

    /// Disabled kinds count as [0, 0] (POET's `env2array`).
    public func vector(_ e: PointCourseEncoding) -> [Double] {
        (e.pitGap.count == 2 ? e.pitGap : [0, 0]) + (e.wallHeight.count == 2 ? e.wallHeight : [0, 0])
    }

    public func mutate(_ parent: PointCourseEncoding, stream: RandomStream) -> PointCourseEncoding {
        var child = parent
        // Every enabled kind always moves (RangeMutation never returns its
        // input while a move is admissible), so the child differs.
        if kinds.contains(.pit) { child.pitGap = Self.pitMutation.mutate(parent.pitGap, stream: stream) }
        if kinds.contains(.wall) { child.wallHeight = Self.wallMutation.mutate(parent.wallHeight, stream: stream) }
        return child
    }

    public func makeEnvironment(_ e: PointCourseEncoding, terrainSeed: UInt64) -> PointCourse {
        PointCourse(layout: PointCourseLayout(parameters: e, seed: terrainSeed))
    }
}
