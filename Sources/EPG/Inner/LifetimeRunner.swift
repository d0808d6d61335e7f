import Agents
import Autodiff
import Environments
import Random

/// One EPG lifetime, and its score: a fresh agent on `task` trained for T
/// steps by the evolved loss (mixed with PPO's while α > 0). A value:
/// share it across threads; each call builds its own network, agent and tape.
///
///     let inner = try LifetimeRunner(family: family, inner: c.inner, lossNetwork: c.lossNetwork, fitness: c.fitness)
///     let outcome = try inner.run(genome: phi, alpha: 0, task: task, seed: 7, path: ["epg", "test", 0])
///     print(outcome.fitness, outcome.curve.episodes.count)
public struct LifetimeRunner: ObjectiveLifetimes {
    public let family: AnyTaskDistribution
    public let inner: InnerLoopSection
    public let lossNetwork: LossNetworkSection
    public let fitness: FitnessSection
    public let layout: RowLayout

    public init(family: AnyTaskDistribution, inner: InnerLoopSection, lossNetwork: LossNetworkSection,
                fitness: FitnessSection) {
        self.family = family
        self.inner = inner
        self.lossNetwork = lossNetwork
        self.fitness = fitness
        layout = RowLayout(observationSize: family.observationSpace.dimension, actionSpace: family.actionSpace,
                           memoryUnits: lossNetwork.memoryUnits, returnFeatures: lossNetwork.returnFeatures)
    }

    /// T.
    public var lifetimeSteps: Int { inner.lifetimeSteps }

    /// |φ| for this family and network shape.
    public var genomeLength: Int {
        LossNetwork(layout: layout, section: lossNetwork, rng: RandomStream(seed: 0)).parameterCount
    }

    /// φ₀ of a run seeded `seed`.
    public func initialGenome(seed: UInt64) -> [Float] {
        LossNetwork.initialGenome(layout: layout, section: lossNetwork, seed: seed)
    }

    /// The agent of a lifetime: streams under `(seed, path)`.
    public func spec(task: AnyTask, seed: UInt64, path: [StreamPathComponent]) -> AgentSpec {
        AgentSpec(task: task, hyperparameters: inner.hyperparameters, learner: .ppo,
                  lifetimeSteps: inner.lifetimeSteps, seed: seed, path: path)
    }

    /// Trains a fresh agent with (1 − α)·L_φ + α·L_PPO, φ = `genome`, and scores it.
    public func run(genome: [Float], alpha: Double, task: AnyTask, seed: UInt64, path: [StreamPathComponent],
                    probe: GradientProbe? = nil) throws -> LifetimeOutcome {
        let (agent, diagnostics) = try train(genome: genome, alpha: alpha, task: task, seed: seed, path: path, probe: probe)
        return score(agent, seed: seed, path: path, diagnostics: diagnostics)
    }

    /// The lifetime of `run`, returning the trained agent itself.
    public func train(genome: [Float], alpha: Double, task: AnyTask, seed: UInt64, path: [StreamPathComponent],
                      probe: GradientProbe? = nil) throws -> (Agent, LossDiagnostics) {
        let network = LossNetwork(layout: layout, section: lossNetwork, rng: RandomStream(seed: 0))
        do {
            try network.load(genome)
        } catch {
            throw EPGError.invalid("φ has \(genome.count) values; this loss network has \(network.parameterCount)")
        }
        let agent = try Agent(spec(task: task, seed: seed, path: path))
        let diagnostics = LossDiagnostics()
        var loss = EvolvedLoss(network: network, policy: agent.policy, alpha: alpha, minibatchSize: inner.minibatchSize,
                               lifetimeSteps: inner.lifetimeSteps, gamma: inner.gamma,
                               memoryLearningRate: lossNetwork.trainMemory ? Float(inner.learningRate) : nil,
                               stream: RandomStream(seed: seed, path: path + ["epg-minibatches"]),
                               diagnostics: diagnostics, probe: probe, optimizer: agent.optimizer,
                               checkGradients: inner.checkGradients)
        agent.train(until: inner.lifetimeSteps, loss: &loss)
        loss.settle()
        return (agent, diagnostics)
    }

    /// The same lifetime trained by a built-in learner with the environment's
    /// shipped PPO settings (`ShippedPPO`): T steps, scored the same way.
    public func runBaseline(learner: LearnerKind, task: AnyTask, seed: UInt64,
                            path: [StreamPathComponent]) throws -> LifetimeOutcome {
        let spec = AgentSpec(task: task, hyperparameters: baselineHyperparameters(learner), learner: learner,
                             lifetimeSteps: inner.lifetimeSteps, seed: seed, path: path)
        let agent = try Agent(spec)
        agent.train(until: inner.lifetimeSteps)
        return score(agent, seed: seed, path: path, diagnostics: nil)
    }

    public func baselineHyperparameters(_ learner: LearnerKind) -> PPOHyperparameters {
        ShippedPPO.hyperparameters(for: family.name, learner: learner)
    }

    public func check(seed: UInt64) throws {
        let task = try family.task(seed: seed, split: .train, index: 0)
        _ = try Agent(spec(task: task, seed: seed, path: ["epg", "check"]))
    }

    func score(_ agent: Agent, seed: UInt64, path: [StreamPathComponent], diagnostics: LossDiagnostics?) -> LifetimeOutcome {
        fitness.score(agent, family: family, seed: seed, path: path, diagnostics: diagnostics)
    }
}

/// What one lifetime produced.
public struct LifetimeOutcome: Sendable {
    /// Every finished episode and update.
    public var curve: LearningCurve
    /// Its score (`fitness:`); NaN when no episode finished.
    public var fitness: Double
    /// Gradient steps that used L_φ, and how many of them were skipped (non-finite loss or gradient).
    public var evolvedSteps: Int
    public var skippedSteps: Int
    /// Environment steps taken.
    public var steps: Int
}

/// EPG's user-facing failures.
public enum EPGError: Error, Equatable, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self {
        case .invalid(let why): return why
        }
    }
}
