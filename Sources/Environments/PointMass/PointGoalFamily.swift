import Foundation
import Random

/// A goal on a circle around the start.
public struct PointGoalTask: TaskValue, Hashable {
    /// Polar angle of the goal (rad).
    public var angle: Double
    /// Distance of the goal from the origin.
    public var radius: Double
    public init(angle: Double, radius: Double) {
        self.angle = angle
        self.radius = radius
    }
    public var goal: (x: Double, y: Double) { (radius * cos(angle), radius * sin(angle)) }
    public var description: String {
        "PointGoal(angle \(format3(angle)) rad, goal (\(format3(goal.x)), \(format3(goal.y))))"
    }
}

/// `point-goal`: reach a goal on the circle of radius 2 (GoalAnt's stand-in).
/// `train` and `test` draw the goal's angle from the upper half [0, π)
/// (disjoint streams); `ood` from the lower half [π, 2π), never seen in training.
public struct PointGoalFamily: TaskDistribution {
    public var radius = 2.0
    public var name: String { "point-goal" }
    public var summary: String {
        "2-D point mass, reward = progress to a hidden goal on a circle (train: upper half, ood: lower half); 100 steps"
    }
    public var splits: [TaskSplit] { [.train, .test, .ood] }
    public var observationSpace: Space { PointMass.observationSpace }
    public var actionSpace: Space { PointMass.actionSpace }
    public init() {}

    public func sample(_ split: TaskSplit, stream: RandomStream) -> PointGoalTask {
        let half = split == .ood ? Double.pi : 0
        return PointGoalTask(angle: half + stream.uniform(0, Double.pi), radius: radius)
    }

    public func makeEnvironment(_ task: PointGoalTask) -> PointMass {
        let g = task.goal
        return PointMass(objective: .goal(x: g.x, y: g.y))
    }
}
