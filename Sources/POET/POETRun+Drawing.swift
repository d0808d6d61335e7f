import Environments
import Foundation
import Policies
import Random

extension POETRun {
    /// What `populus poet show` and the report draw of one environment: its
    /// course and, when `trace` is set, one episode of its paired agent
    /// (episode seed `(seed, ["poet-show", id])`) — the path of its agent
    /// with, where the environment has a body to draw, a stick figure at the
    /// start, every `figureSpacing` metres of progress and at the end.
    /// Any `SketchableEnvironment` can be drawn; others get the outcome only.
    public func drawing(of pair: Pair, trace: Bool) throws -> (drawing: POETCourseDrawing, outcome: PolicyRollout.Outcome?) {
        var d = POETCourseDrawing(title: "env \(pair.id): \(pair.encoding)")
        let seed = streamKey(seed: configuration.seed, path: ["poet-show", .init(pair.id)])
        var outcome: PolicyRollout.Outcome? = nil
        let environment = try self.environment(of: pair)
        if let sketchable = environment as? any SketchableEnvironment {
            outcome = draw(sketchable, genome: pair.genome, seed: seed, trace: trace, into: &d)
        } else if trace {
            outcome = rollout.play(environment, genome: pair.genome, seed: seed)
        }
        if let outcome, let last = d.path.last, let first = d.path.first {
            d.marks = [(first.x, first.y, "start"), (last.x, last.y, "return \(fmt(outcome.totalReward)) in \(outcome.steps) steps")]
        }
        return (d, outcome)
    }

    /// The course of `environment` and, when `trace`, one episode's path and
    /// stick figures: snapshots by distance, not by step (a slow gait drawn
    /// every 50 steps piles its figures on top of each other).
    func draw<E: SketchableEnvironment>(_ environment: E, genome: [Float], seed: UInt64, trace: Bool,
                                        into d: inout POETCourseDrawing) -> PolicyRollout.Outcome? {
        let sketch = environment.sketch
        d.ground = sketch.ground
        d.solids = sketch.solids.map { .init(kind: $0.kind, points: $0.points) }
        d.scale = sketch.scale
        guard trace else { return nil }
        var path: [(x: Double, y: Double)] = [], figures: [[(from: (x: Double, y: Double), to: (x: Double, y: Double))]] = []
        var lastFigureX = -Double.infinity, last: [(from: (x: Double, y: Double), to: (x: Double, y: Double))] = []
        var lastDrawn = false
        let outcome = rollout.trace(environment, genome: genome, seed: seed) { env, _ in
            let position = env.agentPosition
            path.append(position)
            guard let spacing = sketch.figureSpacing else { return }
            last = env.agentFigure
            lastDrawn = abs(position.x - lastFigureX) >= spacing
            if lastDrawn {
                figures.append(last)
                lastFigureX = position.x
            }
        }
        if sketch.figureSpacing != nil && !lastDrawn && !last.isEmpty { figures.append(last) }  // the final pose
        d.path = path
        d.figures = figures
        return outcome
    }
}
