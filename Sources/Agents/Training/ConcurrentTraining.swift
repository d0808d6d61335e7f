import Environments
import Foundation
import Parallel

/// Agents trained one or many at once, each start to end on one thread:
/// what EPG's lifetimes, PBT's intervals and PPO baselines run.
///
///     // EPG: fresh agents on sampled tasks, each with its own loss instance
///     let curves = try ConcurrentTraining.run(specs, threads: 2) { i in EvolvedLoss(phi: phi) }
///     let fitness = curves.map { $0.meanReturn(last: 20) ?? -.infinity }
///
///     // PBT: persistent agents, trained interval by interval
///     let agents = try specs.map { try Agent($0) }
///     ConcurrentTraining.train(agents, until: 20_000, threads: 2)     // then exploit/explore, repeat
///
/// Every agent owns its streams, environments, tape and optimizer, so the
/// results are bitwise identical for any thread count and any schedule: the
/// same as training the agents one after another.
public enum ConcurrentTraining {
    /// Trains a fresh agent for `spec.lifetimeSteps` with its built-in
    /// learner and returns its learning curve.
    public static func run(_ spec: AgentSpec, registry: EnvironmentRegistry = .standard) throws -> LearningCurve {
        let agent = try Agent(spec, registry: registry)
        agent.train(until: spec.lifetimeSteps)
        return agent.curve
    }

    /// Trains a fresh agent for `spec.lifetimeSteps` with `loss`.
    public static func run<L: PolicyLoss>(_ spec: AgentSpec, loss: L,
                                          registry: EnvironmentRegistry = .standard) throws -> LearningCurve {
        let agent = try Agent(spec, registry: registry)
        var loss = loss
        agent.train(until: spec.lifetimeSteps, loss: &loss)
        return agent.curve
    }

    /// Trains one fresh agent per spec, concurrently on up to `threads`
    /// threads, each with its built-in learner; curves in spec order.
    public static func run(_ specs: [AgentSpec], threads: Int = defaultThreadCount,
                           registry: EnvironmentRegistry = .standard) throws -> [LearningCurve] {
        let agents = try specs.map { try Agent($0, registry: registry) }
        concurrentForEach(agents.count, threads: threads) { i, _ in agents[i].train(until: agents[i].lifetimeSteps) }
        return agents.map(\.curve)
    }

    /// Trains one fresh agent per spec concurrently, agent i with the loss
    /// `makeLoss(i)` (built on the worker thread that trains it).
    public static func run<L: PolicyLoss & SendableMetatype>(_ specs: [AgentSpec], threads: Int = defaultThreadCount,
                                          registry: EnvironmentRegistry = .standard,
                                          makeLoss: @escaping @Sendable (Int) -> L) throws -> [LearningCurve] {
        let agents = try specs.map { try Agent($0, registry: registry) }
        train(agents, until: nil, threads: threads, makeLoss: makeLoss)
        return agents.map(\.curve)
    }

    /// Continues existing agents concurrently until each has taken at least
    /// `steps` environment steps, with their built-in learners.
    public static func train(_ agents: [Agent], until steps: Int, threads: Int = defaultThreadCount) {
        concurrentForEach(agents.count, threads: threads) { i, _ in agents[i].train(until: steps) }
    }

    /// Continues existing agents concurrently until `steps` (each agent's own
    /// lifetime budget when nil), agent i with the loss `makeLoss(i)`.
    public static func train<L: PolicyLoss & SendableMetatype>(_ agents: [Agent], until steps: Int?, threads: Int = defaultThreadCount,
                                            makeLoss: @escaping @Sendable (Int) -> L) {
        concurrentForEach(agents.count, threads: threads) { i, _ in
            var loss = makeLoss(i)
            agents[i].train(until: steps ?? agents[i].lifetimeSteps, loss: &loss)
        }
    }
}
