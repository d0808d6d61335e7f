import Config
import Environments
import Runs

/// A whole `algorithm: epg` config: Evolved Policy Gradients (Houthooft et
/// al. 2018) — ES evolves the loss network L_φ; each candidate trains fresh
/// agents on training tasks; fitness, their return, is MAXIMISED.
///
/// ```yaml
/// name: epg-point-goal
/// seed: 0
/// algorithm: epg
/// env: point-goal
/// generations: 200
/// es: {population_size: 16, sigma: 0.05, learning_rate: 0.01}
/// outer: {tasks_per_candidate: 2, alpha_anneal_generations: 30}
/// inner: {lifetime_steps: 6400, update_every: 64, minibatch_size: 32}
/// loss_network: {buffer_size: 512}
/// fitness: {mode: last-episodes, episodes: 10}
/// ```
public typealias EPGConfiguration = PopulationConfiguration<EPGSections>

/// The sections of an `epg` config after the header.
public struct EPGSections: ObjectiveFamily {
    /// The outer ES on φ (antithetic pairs share tasks and agent seeds).
    public var es = EPGSections.defaultStrategy
    /// Scoring, α annealing, validation.
    public var outer = OuterLoopSection()
    /// One agent lifetime.
    public var inner = InnerLoopSection()
    /// The shape of L_φ.
    public var lossNetwork = LossNetworkSection()
    /// How a lifetime is scored.
    public var fitness = FitnessSection()
    /// What `populus compare` runs.
    public var compare = CompareSection()

    public init() {}

    /// EPG's outer loop: antithetic OpenAI-ES with λ = 16, σ = 0.05, α_ES = 0.01, Adam.
    public static var defaultStrategy: StrategySection {
        var s = StrategySection()
        s.populationSize = 16
        s.sigma = .constant(0.05)
        s.learningRate = .constant(0.01)
        return s
    }

    public static var algorithm: Algorithm { .epg }
    public static var kind: String { "epg" }
    public static var streamPrefix: String { "epg" }

    public func lifetimes(env: String) throws -> LifetimeRunner {
        LifetimeRunner(family: try EnvironmentRegistry.standard.resolve(env), inner: inner, lossNetwork: lossNetwork,
                       fitness: fitness)
    }

    /// EPG's loss network reads the agent's observations, so it trains agents
    /// only on its own environment (or one with the same spaces).
    public func transferLifetimes(from env: String, to target: String) throws -> LifetimeRunner {
        let own = try lifetimes(env: env), other = try lifetimes(env: target)
        guard own.family.observationSpace == other.family.observationSpace,
              own.family.actionSpace == other.family.actionSpace else {
            throw RunError("an EPG loss reads \(env)'s observations and actions, so it cannot train agents on \(target) (other spaces); objectives over (r, Â) transfer: evolve one with algorithm: lpo")
        }
        return other
    }

    /// φ₀: the network's random initialisation, or the REINFORCE surrogate
    /// plus a tenth of it (so every weight starts off zero and ES has slopes to follow).
    public func initialGenome(_ loop: LifetimeRunner, seed: UInt64) -> [Float] {
        let random = loop.initialGenome(seed: seed)
        switch outer.initialLoss {
        case .random: return random
        case .reinforce:
            let surrogate = LossNetwork.reinforceGenome(layout: loop.layout, section: lossNetwork)
            return zip(surrogate, random).map { $0 + 0.1 * $1 }
        }
    }

    public func describe(_ loop: LifetimeRunner, env: String) -> [(label: String, value: String)] {
        [
            ("env", "\(env) (\(loop.family.name)); lifetime T = \(inner.lifetimeSteps) steps, update every M = \(inner.updateEvery)"),
            ("loss network", "|φ| = \(loop.genomeLength), buffer N = \(lossNetwork.bufferSize), conv \(lossNetwork.convKernels)/\(lossNetwork.convStrides)/\(lossNetwork.convChannels), memory \(lossNetwork.memoryUnits)"),
        ]
    }
    public static var defaultHeader: PopulationHeaderDefaults {
        PopulationHeaderDefaults(name: "epg", env: "point-goal", generations: 100, checkpointEvery: 5)
    }

    public func validate(_ check: ConfigValidator, env: String) throws {
        let family = try check.family("env", env, split: .test)
        guard family.splits.contains(compare.split) else {
            throw check.failure("compare", "compare.split: '\(family.name)' has no '\(compare.split)' split; accepted: \(family.splits.map(\.rawValue).joined(separator: ", "))")
        }
        guard inner.updateEvery >= lossNetwork.minimumRows else {
            throw check.failure("inner", "inner.update_every: \(inner.updateEvery) is below the \(lossNetwork.minimumRows) rows the loss network's convolutions need (the first update reads M rows)")
        }
        if outer.initialLoss == .reinforce && lossNetwork.headHidden < 2 {
            throw check.failure("outer", "outer.initial_loss: reinforce needs loss_network.head_hidden ≥ 2")
        }
    }
}
