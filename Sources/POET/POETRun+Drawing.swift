import Environments
import Foundation
import Random
import Report
import Walker

extension POETRun {
    /// What `populus poet show` and the report draw of one environment: its
    /// course and, when `trace` is set, one episode of its paired agent
    /// (episode seed `(seed, ["poet-show", id])`) — the path of the walker's
    /// hull with a stick figure at the start, every `figureSpacing` metres of
    /// progress and at the end, or the point mass's path.
    public func drawing(of pair: Pair, trace: Bool) throws -> (drawing: POETCourseDrawing, outcome: PolicyRollout.Outcome?) {
        var d = POETCourseDrawing(title: "env \(pair.id): \(pair.encoding)")
        let seed = streamKey(seed: configuration.seed, path: ["poet-show", .init(pair.id)])
        var outcome: PolicyRollout.Outcome? = nil
        let environment = try self.environment(of: pair)
        if let walker = environment as? BipedalWalker {
            Self.draw(walker.course, into: &d)
            if trace {
                // Snapshots by distance, not by step: a slow gait drawn every
                // 50 steps piles its figures on top of each other.
                var lastFigureX = -Double.infinity, last: [WalkerBodyState] = [], lastDrawn = false
                outcome = rollout.trace(walker, genome: pair.genome, seed: seed) { env, _ in
                    d.path.append((env.hullX, env.hullY))
                    last = env.bodies
                    lastDrawn = abs(env.hullX - lastFigureX) >= Self.figureSpacing
                    if lastDrawn {
                        d.figures.append(Self.stickFigure(last))
                        lastFigureX = env.hullX
                    }
                }
                if !lastDrawn && !last.isEmpty { d.figures.append(Self.stickFigure(last)) }  // the final pose
            }
        } else if let course = environment as? PointCourse {
            Self.draw(course.layout, into: &d)
            d.scale = 30
            if trace {
                outcome = rollout.trace(course, genome: pair.genome, seed: seed) { env, _ in d.path.append((env.x, env.y)) }
            }
        } else if trace {
            outcome = rollout.play(environment, genome: pair.genome, seed: seed)
        }
        if let outcome, let last = d.path.last, let first = d.path.first {
            d.marks = [(first.x, first.y, "start"), (last.x, last.y, "return \(fmt(outcome.totalReward)) in \(outcome.steps) steps")]
        }
        return (d, outcome)
    }

    /// The walker's ground line (split where pits open) and its obstacle polygons.
    static func draw(_ course: WalkerCourse, into d: inout POETCourseDrawing) {
        d.ground = [zip(course.xs, course.ys).map { (x: $0, y: $1) }]
        for p in course.polygons {
            d.solids.append(.init(kind: p.kind.rawValue, points: p.vertices.map { (x: $0.x, y: $0.y) }))
        }
    }

    /// The point course: ground at y = 0 broken by pits, walls as blocks.
    static func draw(_ layout: PointCourseLayout, into d: inout POETCourseDrawing) {
        var x = 0.0
        for o in layout.obstacles {
            switch o {
            case .pit(let start, let width):
                d.ground.append([(x, 0), (start, 0)])
                d.solids.append(.init(kind: "pit", points: [(start - 0.05, 0), (start, 0), (start, -1), (start - 0.05, -1)]))
                x = start + width
            case .wall(let start, let height):
                d.solids.append(.init(kind: "wall", points: [(start, 0), (start + PointCourseLayout.wallThickness, 0),
                                                             (start + PointCourseLayout.wallThickness, height), (start, height)]))
            }
        }
        d.ground.append([(x, 0), (PointCourseLayout.length, 0)])
    }

    /// Metres the hull moves between two stick figures: a figure with its legs
    /// apart is about 2.5 m wide (hull 2.1 m), so 4 m leaves a gap between them.
    static let figureSpacing = 4.0

    /// Hull and legs as segments: each body's long axis (hull: 64 px wide,
    /// legs: 34 px long) rotated by its angle about its centre.
    static func stickFigure(_ bodies: [WalkerBodyState]) -> [(from: (x: Double, y: Double), to: (x: Double, y: Double))] {
        bodies.enumerated().map { i, b in
            let half = (i == 0 ? 64.0 : 34.0) / WalkerConstants.scale / 2
            // The hull's long axis is horizontal at angle 0, a leg's vertical.
            let (dx, dy) = i == 0 ? (cos(b.angle), sin(b.angle)) : (-sin(b.angle), cos(b.angle))
            return (from: (b.x - half * dx, b.y - half * dy), to: (b.x + half * dx, b.y + half * dy))
        }
    }
}
