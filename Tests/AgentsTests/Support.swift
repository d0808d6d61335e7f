import Agents
import Environments
import Foundation
import Random
import XCTest

/// Small, fast agents for behavioural tests (exact-equality checks need
/// several iterations, not good policies).
enum Fixture {
    static func cartPoleTask() throws -> AnyTask {
        try EnvironmentRegistry.standard.resolve("CartPole-v1").task(seed: 0, split: .train, index: 0)
    }

    static func pendulumTask() throws -> AnyTask {
        try EnvironmentRegistry.standard.resolve("Pendulum-v1").task(seed: 0, split: .train, index: 0)
    }

    /// 4 instances × 16 steps, 2 epochs of 2 minibatches, a 16-16 network.
    static var small: PPOHyperparameters {
        var h = PPOHyperparameters()
        h.numEnvs = 4
        h.numSteps = 16
        h.updateEpochs = 2
        h.numMinibatches = 2
        h.hiddenSizes = [16, 16]
        h.learningRate = 3e-3
        return h
    }

    /// The small hyperparameters with every option that adds state switched on
    /// (observation and reward normalisation, value clipping, entropy bonus).
    static var smallWithState: PPOHyperparameters {
        var h = small
        h.normObs = true
        h.normReward = true
        h.clipVloss = true
        h.entCoef = 0.01
        return h
    }

    static func cartPole(seed: UInt64 = 1, lifetime: Int = 2_048, _ h: PPOHyperparameters = small,
                         path: [StreamPathComponent] = ["agent"]) throws -> AgentSpec {
        AgentSpec(task: try cartPoleTask(), hyperparameters: h, lifetimeSteps: lifetime, seed: seed, path: path)
    }

    static func pendulum(seed: UInt64 = 1, lifetime: Int = 2_048, _ h: PPOHyperparameters = smallWithState) throws -> AgentSpec {
        AgentSpec(task: try pendulumTask(), hyperparameters: h, lifetimeSteps: lifetime, seed: seed)
    }

    /// The repository root, from this file's path.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

/// Everything observable about an agent, compared bit for bit.
func assertSameAgent(_ a: Agent, _ b: Agent, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.steps, b.steps, "steps", file: file, line: line)
    XCTAssertEqual(a.curve, b.curve, "learning curves differ", file: file, line: line)
    XCTAssertEqual(a.state, b.state, "states differ", file: file, line: line)
    XCTAssertEqual(a.state.bytes, b.state.bytes, "state bytes differ", file: file, line: line)
}
