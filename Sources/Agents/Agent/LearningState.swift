import Autodiff

/// What PBT's exploit step copies from one member to another: θ, Adam's
/// moments and step count, the normalisation statistics and the
/// hyperparameters. A value: nothing is shared with the agent it came from.
///
///     let snapshot = best.learningState           // deep copy
///     try worst.setLearningState(snapshot)        // worst now learns like best did
///     try worst.copyLearningState(from: best)     // the same in one call
///
/// Not included (each member keeps its own): the environments and their
/// episodes, the random streams, the step and iteration counters, the
/// learning curve, and each instance's running discounted return.
public struct LearningState: Sendable, Equatable {
    /// θ, flat, in `policy.parameters.entries` order.
    public var parameters: [Float]
    /// Adam's m, v and t.
    public var optimizer: OptimizerState
    public var observationStatistics: RunningMeanStd?
    public var returnStatistics: RunningMeanStd?
    public var hyperparameters: PPOHyperparameters

    public init(parameters: [Float], optimizer: OptimizerState, observationStatistics: RunningMeanStd?,
                returnStatistics: RunningMeanStd?, hyperparameters: PPOHyperparameters) {
        self.parameters = parameters
        self.optimizer = optimizer
        self.observationStatistics = observationStatistics
        self.returnStatistics = returnStatistics
        self.hyperparameters = hyperparameters
    }

    /// Bitwise equality of every float (so NaN weights compare equal to themselves).
    public static func == (a: LearningState, b: LearningState) -> Bool {
        a.parameters.map(\.bitPattern) == b.parameters.map(\.bitPattern)
            && a.optimizer.rule == b.optimizer.rule && a.optimizer.step == b.optimizer.step
            && a.optimizer.slots.map(\.bitPattern) == b.optimizer.slots.map(\.bitPattern)
            && a.observationStatistics == b.observationStatistics
            && a.returnStatistics == b.returnStatistics
            && a.hyperparameters == b.hyperparameters
    }
}

extension Agent {
    /// A deep copy of what learning has produced (see `LearningState`).
    public var learningState: LearningState {
        LearningState(parameters: policy.parameters.flatValues(), optimizer: optimizer.state,
                      observationStatistics: observationStatistics, returnStatistics: returnStatistics,
                      hyperparameters: hyperparameters)
    }

    /// Replaces θ, Adam's state, the statistics and the hyperparameters by
    /// `state`'s. Throws (changing nothing) when the layouts differ: another
    /// network shape, another action space, or normalisation switched on or off.
    public func setLearningState(_ state: LearningState) throws {
        let changed = Self.structuralDifferences(hyperparameters, state.hyperparameters)
        guard changed.isEmpty else {
            throw AgentError.state("the copied state has a different \(changed.joined(separator: ", "))")
        }
        guard state.parameters.count == policy.parameters.count else {
            throw AgentError.state("\(state.parameters.count) parameters for a network of \(policy.parameters.count)")
        }
        guard (state.observationStatistics?.dimension ?? observationSize) == observationSize,
              (state.observationStatistics == nil) == (observationStatistics == nil),
              (state.returnStatistics == nil) == (returnStatistics == nil)
        else { throw AgentError.state("normalisation statistics do not fit this agent") }
        // Check the optimizer state before touching anything.
        let probe = optimizer.state
        guard state.optimizer.rule == probe.rule, state.optimizer.slots.count == probe.slots.count,
              state.optimizer.step >= 0
        else { throw AgentError.state("optimizer state (\(state.optimizer.rule), \(state.optimizer.slots.count) slots) does not fit \(probe.rule) with \(probe.slots.count)") }
        try setHyperparameters(state.hyperparameters)
        try policy.parameters.setFlatValues(state.parameters)
        try optimizer.restore(state.optimizer)
        observationStatistics = state.observationStatistics
        returnStatistics = state.returnStatistics
        // The next action sees the current observations through the new statistics.
        acceptObservations(updateStatistics: false)
    }

    /// PBT's exploit: this agent takes `source`'s learning state (a deep copy).
    public func copyLearningState(from source: Agent) throws {
        try setLearningState(source.learningState)
    }
}
