import Random

/// The obstacles of one `point-course` environment, placed like POET's
/// course: a flat start pad, then obstacles of the enabled kinds (each drawn
/// uniformly among them) separated by flat stretches of U(2.5, 4.5) m, until the
/// finish pad. Sizes are drawn uniformly from the encoding's ranges. The
/// layout is a pure function of (parameters, seed): stream
/// `(seed, ["point-course", "course"])`.
public struct PointCourseLayout: Sendable, Equatable {
    public enum Obstacle: Sendable, Equatable {
        /// No ground over (start, start + width).
        case pit(start: Double, width: Double)
        /// A block over [start, start + `wallThickness`] rising `height` above the ground.
        case wall(start: Double, height: Double)

        public var start: Double {
            switch self {
            case .pit(let s, _), .wall(let s, _): return s
            }
        }

        public var end: Double {
            switch self {
            case .pit(let s, let w): return s + w
            case .wall(let s, _): return s + PointCourseLayout.wallThickness
            }
        }
    }

    /// Course length: reaching x = `length` finishes the episode.
    public static let length = 20.0
    public static let startPad = 3.0
    public static let finishPad = 2.0
    public static let wallThickness = 0.3
    /// Flat stretches between obstacles are U(gapMin, gapMax) metres.
    public static let gapMin = 2.5, gapMax = 4.5

    /// Obstacles ordered by `start`, not overlapping.
    public let obstacles: [Obstacle]

    public init(obstacles: [Obstacle]) { self.obstacles = obstacles }

    public init(parameters p: PointCourseEncoding, seed: UInt64) {
        let stream = RandomStream(seed: seed, path: ["point-course", "course"])
        var kinds: [Int] = []
        if p.pitGap.count == 2 { kinds.append(0) }
        if p.wallHeight.count == 2 { kinds.append(1) }
        var placed: [Obstacle] = []
        var x = Self.startPad
        while !kinds.isEmpty {
            let kind = kinds[stream.integer(below: kinds.count)]
            let obstacle: Obstacle = kind == 0
                ? .pit(start: x, width: stream.uniform(p.pitGap[0], p.pitGap[1]))
                : .wall(start: x, height: stream.uniform(p.wallHeight[0], p.wallHeight[1]))
            if obstacle.end > Self.length - Self.finishPad { break }
            placed.append(obstacle)
            x = obstacle.end + stream.uniform(Self.gapMin, Self.gapMax)
        }
        obstacles = placed
    }

    /// Height of the ground at x: 0, a wall's top, or nil over a pit.
    @inlinable public func groundHeight(at x: Double) -> Double? {
        for o in obstacles where x >= o.start && x <= o.end {
            switch o {
            case .pit(let s, let w): if x > s && x < s + w { return nil }
            case .wall(_, let h): return h
            }
        }
        return 0
    }

    /// The first obstacle not yet passed (whose end lies beyond x).
    @inlinable public func nextObstacle(after x: Double) -> Obstacle? {
        for o in obstacles where o.end > x { return o }
        return nil
    }
}
