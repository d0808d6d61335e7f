/// A side view of an environment's course for reports and `populus poet
/// show`, in world metres (y up): the ground, the solid obstacles, and how
/// far apart body snapshots of its agent look best.
public struct CourseSketch: Sendable {
    /// A point in metres.
    public typealias Point = (x: Double, y: Double)

    /// A filled polygon; `kind` picks its colour (pit, stump, stair, wall, …).
    public struct Solid: Sendable {
        public var kind: String
        public var points: [Point]
        public init(kind: String, points: [Point]) {
            self.kind = kind
            self.points = points
        }
    }

    /// Polylines of the ground surface (several when pits break it).
    public var ground: [[Point]] = []
    public var solids: [Solid] = []
    /// Pixels per metre that suit the course (the drawing's width follows from its extent).
    public var scale = 12.0
    /// Metres of progress between two body snapshots along a path (nil: draw no snapshots).
    public var figureSpacing: Double? = nil

    public init() {}
}

/// An environment that can be drawn: its course as a `CourseSketch`, and
/// where its agent is (and what its body looks like) at any moment of an
/// episode. POET draws its environments through this, whichever module
/// implements them.
public protocol SketchableEnvironment: Environment {
    /// The fixed course.
    var sketch: CourseSketch { get }
    /// The agent's reference point now (the path drawn through an episode).
    var agentPosition: CourseSketch.Point { get }
    /// The agent's body now as line segments (empty: the agent is a point).
    var agentFigure: [(from: CourseSketch.Point, to: CourseSketch.Point)] { get }
}
