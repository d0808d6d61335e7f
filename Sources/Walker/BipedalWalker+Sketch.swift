import Environments
import Foundation

extension BipedalWalker: SketchableEnvironment {
    /// The ground line (split where pits open) and the obstacle polygons, at
    /// 12 px a metre, with a stick figure every 4 m of the hull's progress (a
    /// figure with its legs apart is about 2.5 m wide, the hull 2.1 m, so 4 m
    /// leaves a gap between them).
    public var sketch: CourseSketch {
        var s = CourseSketch()
        s.ground = [zip(course.xs, course.ys).map { (x: $0, y: $1) }]
        s.solids = course.polygons.map { .init(kind: $0.kind.rawValue, points: $0.vertices.map { (x: $0.x, y: $0.y) }) }
        s.scale = 12
        s.figureSpacing = 4
        return s
    }

    /// The hull's centre.
    public var agentPosition: CourseSketch.Point { (hullX, hullY) }

    /// Hull and legs as segments: each body's long axis (hull: 64 px wide,
    /// legs: 34 px long) rotated by its angle about its centre.
    public var agentFigure: [(from: CourseSketch.Point, to: CourseSketch.Point)] {
        bodies.enumerated().map { i, b in
            let half = (i == 0 ? 64.0 : 34.0) / WalkerConstants.scale / 2
            // The hull's long axis is horizontal at angle 0, a leg's vertical.
            let (dx, dy) = i == 0 ? (cos(b.angle), sin(b.angle)) : (-sin(b.angle), cos(b.angle))
            return (from: (b.x - half * dx, b.y - half * dy), to: (b.x + half * dx, b.y + half * dy))
        }
    }
}
