import Random

/// A family with exactly one task (a fixed environment such as Acrobot-v1):
/// every split and index gives `task`.
public struct FixedFamily<Task: TaskValue, Env: Environment>: TaskDistribution {
    public let name: String
    public let summary: String
    public let task: Task
    let make: @Sendable (Task) -> Env

    public init(name: String, summary: String, task: Task, make: @escaping @Sendable (Task) -> Env) {
        self.name = name
        self.summary = summary
        self.task = task
        self.make = make
    }

    public var splits: [TaskSplit] { [.train, .test] }
    public var observationSpace: Space { make(task).observationSpace }
    public var actionSpace: Space { make(task).actionSpace }
    public func sample(_ split: TaskSplit, stream: RandomStream) -> Task { task }
    public func makeEnvironment(_ task: Task) -> Env { make(task) }
}

/// The constant of MountainCarContinuous-v0 a task could vary.
public struct MountainCarContinuousTask: TaskValue, Hashable {
    /// The power multiplying the push a ∈ [−1, 1].
    public var power = 0.0015
    public init(power: Double = 0.0015) { self.power = power }
    public var description: String { "MountainCarContinuous(power \(power))" }
}

extension FixedFamily where Task == AcrobotTask, Env == Acrobot {
    public static var acrobot: Self {
        FixedFamily(
        name: "acrobot", summary: "Gymnasium Acrobot-v1: swing a two-link arm's tip above a line (500 steps)",
        task: .gymnasium, make: { Acrobot(parameters: $0) })
    }
}

extension FixedFamily where Task == MountainCarContinuousTask, Env == MountainCarContinuous {
    public static var mountainCarContinuous: Self {
        FixedFamily(
        name: "mountaincar-continuous",
        summary: "Gymnasium MountainCarContinuous-v0: the mountain car with a continuous push (999 steps)",
        task: MountainCarContinuousTask(), make: { MountainCarContinuous(power: $0.power) })
    }
}
