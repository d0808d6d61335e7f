import Autodiff
import Environments
import Random

/// An agent's whole state between two iterations: restoring it and training
/// on gives bit-for-bit what the original agent would have done. Holds the
/// spec (task, hyperparameters, lifetime, stream identity), the learning
/// state (θ, Adam, normalisers), counters, the curve so far, where every
/// live episode restarts (see `EpisodeRestartPoint`), the raw observations
/// the policy acts on next, each instance's running discounted return, and
/// the exact states of the action and minibatch streams.
///
///     let bytes = agent.state.bytes                          // into a checkpoint section
///     let back = try Agent(restoring: try AgentState(bytes: bytes))
public struct AgentState: Sendable, Equatable {
    /// The agent's definition; `spec.hyperparameters` are the current ones.
    public var spec: AgentSpec
    public var learning: LearningState
    public var steps: Int
    public var iterations: Int
    public var curve: LearningCurve
    /// `[N, observationSize]` observations before normalisation.
    public var rawObservations: [Float]
    public var episodes: [EpisodeRestartPoint]
    public var discountedReturns: [Double]
    /// `RandomStream.stateBytes` of the action stream.
    public var actionStream: [UInt8]
    /// `RandomStream.stateBytes` of the minibatch stream.
    public var minibatchStream: [UInt8]

    public static func == (a: AgentState, b: AgentState) -> Bool {
        a.spec == b.spec && a.learning == b.learning && a.steps == b.steps && a.iterations == b.iterations
            && a.curve == b.curve && a.rawObservations.map(\.bitPattern) == b.rawObservations.map(\.bitPattern)
            && a.episodes == b.episodes && a.discountedReturns.map(\.bitPattern) == b.discountedReturns.map(\.bitPattern)
            && a.actionStream == b.actionStream && a.minibatchStream == b.minibatchStream
    }
}

extension Agent {
    /// A deep copy of everything (see `AgentState`).
    public var state: AgentState {
        let spec = AgentSpec(task: task, hyperparameters: hyperparameters, learner: learner,
                             lifetimeSteps: lifetimeSteps, seed: seed, path: path)
        return AgentState(
            spec: spec, learning: learningState, steps: steps, iterations: iterations, curve: curve,
            rawObservations: Array(UnsafeBufferPointer(start: scratch.raw, count: numEnvs * observationSize)),
            episodes: environments.restartPoints, discountedReturns: discountedReturns,
            actionStream: actionStream.stateBytes, minibatchStream: minibatchStream.stateBytes)
    }

    /// The agent `state` was taken from, continuing exactly where it was.
    /// Throws `AgentError.state` when the parts do not fit together.
    public convenience init(restoring state: AgentState, registry: EnvironmentRegistry = .standard) throws {
        let family = try registry.resolve(state.spec.task.family)
        var spec = state.spec
        spec.hyperparameters = state.learning.hyperparameters
        // What the state holds must fit the agent the spec describes before
        // that agent is built: a spec cannot make a restore allocate more
        // than the state's bytes describe (N instances, |θ| parameters).
        let h = spec.hyperparameters
        guard (1...PPOHyperparameters.maxEnvs).contains(h.numEnvs),
              h.numEnvs * family.observationSpace.dimension == state.rawObservations.count else {
            throw AgentError.state("\(state.rawObservations.count) observation values for num_envs = \(h.numEnvs) instances of \(family.observationSpace.dimension) (num_envs: 1 to \(PPOHyperparameters.maxEnvs))")
        }
        let count = ActorCritic.parameterCount(observationSize: family.observationSpace.dimension,
                                               actionSpace: family.actionSpace, hyperparameters: h)
        guard count == state.learning.parameters.count else {
            throw AgentError.state("the spec describes \(count.map(String.init) ?? "an impossible number of") parameters; the state holds \(state.learning.parameters.count)")
        }
        try self.init(spec: spec, family: family)
        let n = numEnvs, d = observationSize
        guard (0...(1 << 53)).contains(state.steps), (0...(1 << 53)).contains(state.iterations) else {
            throw AgentError.state("steps \(state.steps), iterations \(state.iterations); accepted: 0 to 2^53 each")
        }
        guard state.rawObservations.count == n * d else {
            throw AgentError.state("\(state.rawObservations.count) observation values for \(n) × \(d)")
        }
        guard state.discountedReturns.count == n else {
            throw AgentError.state("\(state.discountedReturns.count) running returns for \(n) instances")
        }
        do {
            actionStream = try RandomStream(state: state.actionStream)
            minibatchStream = try RandomStream(state: state.minibatchStream)
        } catch {
            throw AgentError.state("random stream: \(error)")
        }
        // Replaying the episodes must land on the saved observations: a check
        // that the state, the task and the environment code belong together.
        try environments.restore(state.episodes, into: scratch.raw)
        for i in 0..<(n * d) where scratch.raw[i].bitPattern != state.rawObservations[i].bitPattern {
            throw AgentError.state("replaying instance \(i / d)'s episode gives observation \(scratch.raw[i]), the state says \(state.rawObservations[i])")
        }
        try setLearningState(state.learning)
        steps = state.steps
        iterations = state.iterations
        curve = state.curve
        discountedReturns = state.discountedReturns
        acceptObservations(updateStatistics: false)
    }
}
