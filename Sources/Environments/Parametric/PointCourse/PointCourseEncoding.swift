/// The encoding of a `point-course` environment, shaped like POET's
/// `Env_config`: each obstacle kind is a range [low, high] its sizes are drawn
/// from, or empty when the kind is absent. The flat course has both empty.
///
///     PointCourseEncoding(pitGap: [0.4, 1.2], wallHeight: [0, 0.4])
///     // pits 0.4–1.2 m wide, walls up to 0.4 m high
public struct PointCourseEncoding: ParametricEncoding, Hashable {
    /// Pit widths [low, high] in metres; empty: no pits.
    public var pitGap: [Double]
    /// Wall heights [low, high] in metres; empty: no walls.
    public var wallHeight: [Double]

    public init(pitGap: [Double] = [], wallHeight: [Double] = []) {
        self.pitGap = pitGap
        self.wallHeight = wallHeight
    }

    /// No obstacles.
    public static let flat = PointCourseEncoding()

    enum CodingKeys: String, CodingKey {
        case pitGap = "pit_gap", wallHeight = "wall_height"
    }

    public var description: String {
        var parts: [String] = []
        if pitGap.count == 2 { parts.append("pits \(format3(pitGap[0]))–\(format3(pitGap[1])) m") }
        if wallHeight.count == 2 { parts.append("walls \(format3(wallHeight[0]))–\(format3(wallHeight[1])) m") }
        return parts.isEmpty ? "flat" : parts.joined(separator: ", ")
    }
}
