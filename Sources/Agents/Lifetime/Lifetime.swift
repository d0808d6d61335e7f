import Dispatch
import Environments
import Foundation

/// Agents' lifetimes, one or many at once: what EPG's inner loop, PBT's
/// intervals and PPO baselines run.
///
///     // EPG: fresh agents on sampled tasks, each with its own loss instance
///     let curves = try Lifetime.run(specs, threads: 2) { i in EvolvedLoss(phi: phi) }
///     let fitness = curves.map { $0.meanReturn(last: 20) ?? -.infinity }
///
///     // PBT: persistent agents, trained interval by interval
///     let agents = try specs.map { try Agent($0) }
///     Lifetime.train(agents, until: 20_000, threads: 2)     // then exploit/explore, repeat
///
/// Every agent owns its streams, environments, tape and optimizer, so the
/// results are bitwise identical for any thread count and any schedule: the
/// same as training the agents one after another.
public enum Lifetime {
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
    public static func run(_ specs: [AgentSpec], threads: Int = defaultThreads,
                           registry: EnvironmentRegistry = .standard) throws -> [LearningCurve] {
        let agents = try specs.map { try Agent($0, registry: registry) }
        forEach(agents.count, threads: threads) { i in agents[i].train(until: agents[i].lifetimeSteps) }
        return agents.map(\.curve)
    }

    /// Trains one fresh agent per spec concurrently, agent i with the loss
    /// `makeLoss(i)` (built on the worker thread that trains it).
    public static func run<L: PolicyLoss & SendableMetatype>(_ specs: [AgentSpec], threads: Int = defaultThreads,
                                          registry: EnvironmentRegistry = .standard,
                                          makeLoss: @escaping @Sendable (Int) -> L) throws -> [LearningCurve] {
        let agents = try specs.map { try Agent($0, registry: registry) }
        train(agents, until: nil, threads: threads, makeLoss: makeLoss)
        return agents.map(\.curve)
    }

    /// Continues existing agents concurrently until each has taken at least
    /// `steps` environment steps, with their built-in learners.
    public static func train(_ agents: [Agent], until steps: Int, threads: Int = defaultThreads) {
        forEach(agents.count, threads: threads) { i in agents[i].train(until: steps) }
    }

    /// Continues existing agents concurrently until `steps` (each agent's own
    /// lifetime budget when nil), agent i with the loss `makeLoss(i)`.
    public static func train<L: PolicyLoss & SendableMetatype>(_ agents: [Agent], until steps: Int?, threads: Int = defaultThreads,
                                            makeLoss: @escaping @Sendable (Int) -> L) {
        forEach(agents.count, threads: threads) { i in
            var loss = makeLoss(i)
            agents[i].train(until: steps ?? agents[i].lifetimeSteps, loss: &loss)
        }
    }

    /// The active processor count.
    public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Runs `body(i)` for i in 0..<count on up to `threads` workers of
    /// `DispatchQueue.concurrentPerform`, workers taking the next item from a
    /// shared counter. `body` must touch only item i's state.
    public static func forEach(_ count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(threads, count))
        if workers == 1 {
            for i in 0..<count { body(i) }
            return
        }
        let next = WorkCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = next.take(below: count) { body(i) }
        }
    }
}

/// A lock-protected counter handing out work items.
private final class WorkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < count else { return nil }
        value += 1
        return value - 1
    }
}
