import Agents
import Environments
import Random

/// One LPO lifetime: a fresh agent on a task, trained by PPO with its drift
/// replaced by D_φ (`LearnedObjectiveLoss`) — every other setting is the
/// environment's PPO — and scored by `fitness`.
public struct DriftLifetimes: ObjectiveLifetimes {
    public let family: AnyTaskDistribution
    public let shape: DriftShape
    public let base: BuiltInDrift
    /// The agents' hyperparameters (the environment's shipped PPO unless the config gives its own).
    public let hyperparameters: PPOHyperparameters
    public let lifetimeSteps: Int
    public let fitness: FitnessSection

    public init(family: AnyTaskDistribution, shape: DriftShape, base: BuiltInDrift, hyperparameters: PPOHyperparameters,
                lifetimeSteps: Int, fitness: FitnessSection) {
        self.family = family
        self.shape = shape
        self.base = base
        self.hyperparameters = hyperparameters
        self.lifetimeSteps = lifetimeSteps
        self.fitness = fitness
    }

    public var genomeLength: Int { shape.genomeLength }

    /// The agent of a lifetime: streams under `(seed, path)`.
    public func spec(task: AnyTask, seed: UInt64, path: [StreamPathComponent]) -> AgentSpec {
        AgentSpec(task: task, hyperparameters: hyperparameters, learner: .ppo, lifetimeSteps: lifetimeSteps,
                  seed: seed, path: path)
    }

    /// Trains a fresh agent with D_φ, φ = `genome` (α is EPG's and unused here), and scores it.
    public func run(genome: [Float], alpha: Double = 0, task: AnyTask, seed: UInt64, path: [StreamPathComponent],
                    probe: GradientProbe? = nil) throws -> LifetimeOutcome {
        let agent = try train(genome: genome, task: task, seed: seed, path: path)
        return fitness.score(agent, family: family, seed: seed, path: path, diagnostics: nil)
    }

    /// The lifetime of `run`, returning the trained agent itself.
    public func train(genome: [Float], task: AnyTask, seed: UInt64, path: [StreamPathComponent]) throws -> Agent {
        let network = DriftNetwork(shape: shape)
        do {
            try network.load(genome)
        } catch {
            throw EPGError.invalid("φ has \(genome.count) values; this drift network has \(network.parameterCount)")
        }
        let agent = try Agent(spec(task: task, seed: seed, path: path))
        var loss = LearnedObjectiveLoss(network: network, base: base, lifetimeSteps: lifetimeSteps)
        agent.train(until: lifetimeSteps, loss: &loss)
        return agent
    }

    public func runBaseline(learner: LearnerKind, task: AnyTask, seed: UInt64,
                            path: [StreamPathComponent]) throws -> LifetimeOutcome {
        let agent = try Agent(AgentSpec(task: task, hyperparameters: baselineHyperparameters(learner), learner: learner,
                                        lifetimeSteps: lifetimeSteps, seed: seed, path: path))
        agent.train(until: lifetimeSteps)
        return fitness.score(agent, family: family, seed: seed, path: path, diagnostics: nil)
    }

    /// PPO and DPO train with exactly the lifetime's PPO settings (so the
    /// drift is the only difference); vanilla PG with one pass of one minibatch.
    public func baselineHyperparameters(_ learner: LearnerKind) -> PPOHyperparameters {
        var h = hyperparameters
        if learner == .vpg {
            h.updateEpochs = 1
            h.numMinibatches = 1
        }
        return h
    }

    public func check(seed: UInt64) throws {
        let task = try family.task(seed: seed, split: .train, index: 0)
        _ = try Agent(spec(task: task, seed: seed, path: ["lpo", "check"]))
    }
}
