import Agents
import Autodiff
import Environments
@testable import EPG
import Random

/// Small, fast pieces the EPG tests share.
enum Fixtures {
    /// A tiny loss network: N = 48, one kernel-4 stride-2 convolution of 6
    /// channels then kernel 3 stride 2 of 5, context 4, head 6 (plus optional memory).
    static func smallSection(memory: Int = 0) -> LossNetworkSection {
        var s = LossNetworkSection()
        s.bufferSize = 48
        s.convKernels = [4, 3]
        s.convStrides = [2, 2]
        s.convChannels = [6, 5]
        s.contextSize = 4
        s.headHidden = 6
        s.memoryUnits = memory
        return s
    }

    /// An inner loop with M = 24, B = 8, a 16-unit policy.
    static func smallInner(lifetime: Int = 480) -> InnerLoopSection {
        var i = InnerLoopSection()
        i.lifetimeSteps = lifetime
        i.updateEvery = 24
        i.minibatchSize = 8
        i.hiddenSizes = [16]
        return i
    }

    static func task(_ family: String, index: Int = 0, split: TaskSplit = .train) throws -> (AnyTaskDistribution, AnyTask) {
        let f = try EnvironmentRegistry.standard.resolve(family)
        return (f, try f.task(seed: 11, split: split, index: index))
    }

    /// An agent that has run `iterations` PPO updates, so its rollout is real data.
    static func agent(_ family: String, inner: InnerLoopSection, seed: UInt64 = 3, iterations: Int = 2) throws -> Agent {
        let (_, task) = try task(family)
        let agent = try Agent(AgentSpec(task: task, hyperparameters: inner.hyperparameters, lifetimeSteps: inner.lifetimeSteps,
                                        seed: seed, path: ["test"]))
        agent.train(until: iterations * inner.updateEvery)
        return agent
    }
}
