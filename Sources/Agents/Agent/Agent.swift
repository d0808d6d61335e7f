import Autodiff
import Environments
import Random

/// One learning agent over its whole lifetime: N environment instances of one
/// task, an actor-critic, Adam, a rollout buffer and a tape, all owned.
///
///     let spec = AgentSpec(task: task, hyperparameters: h, lifetimeSteps: 50_000, seed: 1)
///     let agent = try Agent(spec)
///     agent.train(until: 10_000)                   // PPO (spec.learner)
///     agent.train(until: 20_000)                   // continues exactly
///     var custom = MyLoss()
///     agent.train(until: 30_000, loss: &custom)    // any PolicyLoss
///     let curve = agent.curve                      // episodes and updates so far
///     let bytes = agent.state.bytes                // full state (checkpoints)
///
/// Training advances in whole iterations (a rollout of N·T steps, then its
/// update); `train(until:)` stops at the first iteration boundary at or past
/// its target, so pausing at any targets and continuing gives bit-identical
/// results to one call. An agent belongs to one thread at a time; different
/// agents train in parallel (`ConcurrentTraining.train`).
public final class Agent: @unchecked Sendable {
    /// The task every instance runs.
    public let task: AnyTask
    let family: AnyTaskDistribution
    public let seed: UInt64
    public let path: [StreamPathComponent]
    /// T_total, the horizon of learning-rate annealing.
    public let lifetimeSteps: Int
    /// The rule `train(until:)` uses without an explicit loss.
    public let learner: LearnerKind
    /// Current hyperparameters (change with `setHyperparameters`).
    public internal(set) var hyperparameters: PPOHyperparameters
    /// π_θ and V_θ; `policy.parameters` is θ.
    public let policy: ActorCritic
    /// Adam over θ (moments and step count are part of the agent's state).
    public let optimizer: Adam
    /// The tape every forward/backward of this agent records on.
    public let tape: Tape
    /// The most recent rollout (valid after the first update).
    public let rollout: RolloutBuffer
    /// Environment steps taken (all instances).
    public internal(set) var steps = 0
    /// Updates completed.
    public internal(set) var iterations = 0
    public internal(set) var curve = LearningCurve()
    /// Running observation statistics (`norm_obs`), nil otherwise.
    public internal(set) var observationStatistics: RunningMeanStd?
    /// Running statistics of the discounted return (`norm_reward`), nil otherwise.
    public internal(set) var returnStatistics: RunningMeanStd?

    let environments: any AgentEnvironments
    var actionStream: RandomStream
    var minibatchStream: RandomStream
    /// Per instance, the discounted return so far (reward scaling).
    var discountedReturns: [Double]
    let scratch: AgentScratch

    /// A fresh agent: weights drawn from `(seed, path + ["init"])`, every
    /// instance at the start of its episode 0.
    public convenience init(_ spec: AgentSpec, registry: EnvironmentRegistry = .standard) throws {
        let family = try registry.resolve(spec.task.family)
        try self.init(spec: spec, family: family)
        environments.reset(into: scratch.raw)
        acceptObservations(updateStatistics: true)
    }

    /// Builds everything but does not reset the environments.
    init(spec: AgentSpec, family: AnyTaskDistribution) throws {
        let h = spec.hyperparameters
        guard spec.lifetimeSteps > 0 else { throw AgentError.invalid("lifetime budget must be positive, got \(spec.lifetimeSteps)") }
        // The ranges of `PPOHyperparameters.validate`, N and T first: N·T cannot overflow after them.
        guard (1...PPOHyperparameters.maxEnvs).contains(h.numEnvs), (1...PPOHyperparameters.maxSteps).contains(h.numSteps),
              h.batchSize <= PPOHyperparameters.maxBatch, h.numMinibatches >= 1, h.numMinibatches <= h.batchSize,
              h.updateEpochs >= 1, h.learningRate > 0, h.clipCoef > 0, (0...1).contains(h.gamma),
              (0...1).contains(h.gaeLambda), h.hiddenSizes.allSatisfy({ $0 > 0 })
        else { throw AgentError.invalid("hyperparameters out of range (see PPOHyperparameters.validate): \(h)") }
        task = spec.task
        self.family = family
        seed = spec.seed
        path = spec.path
        lifetimeSteps = spec.lifetimeSteps
        learner = spec.learner
        hyperparameters = h
        environments = try makeEnvironmentPool(family: family, task: spec.task, count: h.numEnvs,
                                               seed: spec.seed, path: spec.path)
        let obsSize = environments.observationSize
        let actionSpace = environments.actionSpace
        policy = ActorCritic(observationSize: obsSize, actionSpace: actionSpace, hyperparameters: h,
                             rng: RandomStream(seed: spec.seed, path: spec.path + ["init"]))
        optimizer = Adam(for: policy.parameters, learningRate: Float(h.learningRate), epsilon: Float(h.adamEpsilon))
        tape = Tape(nodes: 256)
        rollout = RolloutBuffer(numEnvs: h.numEnvs, numSteps: h.numSteps, observationSize: obsSize,
                                actionSize: actionSpace.dimension, isDiscrete: actionSpace.isDiscrete)
        actionStream = RandomStream(seed: spec.seed, path: spec.path + ["actions"])
        minibatchStream = RandomStream(seed: spec.seed, path: spec.path + ["minibatches"])
        observationStatistics = h.normObs ? RunningMeanStd(dimension: obsSize) : nil
        returnStatistics = h.normReward ? RunningMeanStd(dimension: 1) : nil
        discountedReturns = [Double](repeating: 0, count: h.numEnvs)
        scratch = AgentScratch(numEnvs: h.numEnvs, batch: h.batchSize, observationSize: obsSize,
                               actionSize: actionSpace.dimension)
    }

    /// N.
    public var numEnvs: Int { hyperparameters.numEnvs }
    public var observationSize: Int { environments.observationSize }
    public var actionSpace: Space { environments.actionSpace }

    /// The observations the policy acts on next, `[N, observationSize]`
    /// (normalised when `norm_obs`).
    public var currentObservations: [Float] {
        Array(UnsafeBufferPointer(start: scratch.current, count: numEnvs * observationSize))
    }

    /// Copies the raw observations in `scratch.raw` to `scratch.current`,
    /// merging them into the observation statistics first when asked.
    func acceptObservations(updateStatistics: Bool) {
        let n = numEnvs * observationSize
        if updateStatistics { observationStatistics?.update(scratch.raw, rows: numEnvs) }
        scratch.current.update(from: scratch.raw, count: n)
        observationStatistics?.normalize(scratch.current, rows: numEnvs, clip: hyperparameters.clipObs)
    }

    /// Replaces the hyperparameters (PBT's explore step). Fields that shape
    /// storage or the network (`num_envs`, `num_steps`, `hidden_sizes`,
    /// `activation`, `shared_torso`, `norm_obs`, `norm_reward`, `init_log_std`) must not change.
    public func setHyperparameters(_ h: PPOHyperparameters) throws {
        let changed = Self.structuralDifferences(hyperparameters, h)
        guard changed.isEmpty else {
            throw AgentError.invalid("cannot change \(changed.joined(separator: ", ")) of a living agent")
        }
        guard h.learningRate > 0, h.clipCoef > 0, (0...1).contains(h.gamma), (0...1).contains(h.gaeLambda),
              h.updateEpochs >= 1, h.numMinibatches >= 1, h.numMinibatches <= h.batchSize, h.adamEpsilon > 0
        else { throw AgentError.invalid("hyperparameters out of range: \(h)") }
        hyperparameters = h
    }

    /// Names of the fields that differ between `a` and `b` and fix an agent's shape.
    public static func structuralDifferences(_ a: PPOHyperparameters, _ b: PPOHyperparameters) -> [String] {
        var out: [String] = []
        if a.numEnvs != b.numEnvs { out.append("num_envs") }
        if a.numSteps != b.numSteps { out.append("num_steps") }
        if a.hiddenSizes != b.hiddenSizes { out.append("hidden_sizes") }
        if a.activation != b.activation { out.append("activation") }
        if a.sharedTorso != b.sharedTorso { out.append("shared_torso") }
        if a.normObs != b.normObs { out.append("norm_obs") }
        if a.normReward != b.normReward { out.append("norm_reward") }
        if a.initLogStd != b.initLogStd { out.append("init_log_std") }
        return out
    }
}

/// Why an agent could not be built, restored or changed.
public enum AgentError: Error, Equatable, CustomStringConvertible {
    /// A spec or hyperparameters out of range, or a forbidden change.
    case invalid(String)
    /// Saved state that does not fit (or is corrupt).
    case state(String)

    public var description: String {
        switch self {
        case .invalid(let why): return why
        case .state(let why): return "agent state: \(why)"
        }
    }
}

/// Buffers an agent reuses every step, allocated once.
final class AgentScratch {
    /// Observations the policy acts on (normalised), `[N, D]`.
    let current: UnsafeMutablePointer<Float>
    /// Raw observations from the environments, `[N, D]`.
    let raw: UnsafeMutablePointer<Float>
    let rewards: UnsafeMutablePointer<Float>
    let terminated: UnsafeMutablePointer<Bool>
    let truncated: UnsafeMutablePointer<Bool>
    /// Sampled discrete actions, `[N]`.
    let indices: UnsafeMutablePointer<Int>
    /// Sampled continuous actions, `[N, A]`, and their clipped copy.
    let sampled: UnsafeMutablePointer<Float>
    let clipped: UnsafeMutablePointer<Float>
    /// Rows of truncated episodes' final observations, `[N, D]`, and which instance each is.
    let finals: UnsafeMutablePointer<Float>
    let finalRows: UnsafeMutablePointer<Int>
    /// Minibatch row order, `[N·T]`.
    var permutation: [Int32]
    /// Gathered minibatch actions.
    let minibatchIndices: UnsafeMutablePointer<Int32>
    let returnBuffer: UnsafeMutablePointer<Double>

    init(numEnvs n: Int, batch: Int, observationSize d: Int, actionSize a: Int) {
        func make<T>(_ count: Int, _ zero: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            p.initialize(repeating: zero, count: max(count, 1))
            return p
        }
        current = make(n * d, 0)
        raw = make(n * d, 0)
        rewards = make(n, 0)
        terminated = make(n, false)
        truncated = make(n, false)
        indices = make(n, 0)
        sampled = make(n * a, 0)
        clipped = make(n * a, 0)
        finals = make(n * d, 0)
        finalRows = make(n, 0)
        permutation = (0..<batch).map { Int32($0) }
        minibatchIndices = make(batch, 0)
        returnBuffer = make(n, 0)
    }

    deinit {
        for p in [current, raw, rewards, sampled, clipped, finals] { p.deallocate() }
        terminated.deallocate()
        truncated.deallocate()
        indices.deallocate()
        finalRows.deallocate()
        minibatchIndices.deallocate()
        returnBuffer.deallocate()
    }
}
