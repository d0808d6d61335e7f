import Foundation
import Random

/// A direction to run in.
public struct PointDirectionTask: TaskValue, Hashable {
    /// Unit direction (dx, dy).
    public var dx: Double, dy: Double
    public init(dx: Double, dy: Double) {
        self.dx = dx
        self.dy = dy
    }
    public var description: String { "PointDirection(\(format3(dx)), \(format3(dy)))" }
}

/// `point-direction`: run forward or backward along x (DirHalfCheetah's
/// stand-in), each with probability ½, reward = velocity along it. `ood`
/// asks for the directions never trained: ±y.
public struct PointDirectionFamily: TaskDistribution {
    public var name: String { "point-direction" }
    public var summary: String {
        "2-D point mass, reward = velocity along a hidden direction (train: ±x, ood: ±y); 100 steps"
    }
    public var splits: [TaskSplit] { [.train, .test, .ood] }
    public var observationSpace: Space { PointMass.observationSpace }
    public var actionSpace: Space { PointMass.actionSpace }
    public init() {}

    public func sample(_ split: TaskSplit, stream: RandomStream) -> PointDirectionTask {
        let sign: Double = stream.bernoulli(0.5) ? 1 : -1
        return split == .ood ? PointDirectionTask(dx: 0, dy: sign) : PointDirectionTask(dx: sign, dy: 0)
    }

    public func makeEnvironment(_ task: PointDirectionTask) -> PointMass {
        PointMass(objective: .direction(dx: task.dx, dy: task.dy))
    }
}
