/// The loss a `LearnerKind` names (what `Agent.train(until:)` uses without
/// an explicit loss).
public struct BuiltInLoss: PolicyLoss {
    public let learner: LearnerKind
    var ppo: PPOLoss
    var vpg = VanillaPGLoss()

    public init(_ learner: LearnerKind) {
        self.learner = learner
        ppo = PPOLoss(drift: learner == .dpo ? .dpo : .clip)
    }

    public func schedule(_ h: PPOHyperparameters) -> UpdateSchedule {
        switch learner {
        case .ppo, .dpo: return ppo.schedule(h)
        case .vpg: return vpg.schedule(h)
        }
    }

    public mutating func loss(_ inputs: LossInputs) -> LossOutput {
        switch learner {
        case .ppo, .dpo: return ppo.loss(inputs)
        case .vpg: return vpg.loss(inputs)
        }
    }
}
