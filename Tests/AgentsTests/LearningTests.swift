import Agents
import Config
import XCTest

/// Shortened learning claims that a broken learner fails (release builds:
/// `make test`; debug builds skip them, they would take minutes).
final class LearningTests: XCTestCase {
    private func skipInDebug() throws {
        #if DEBUG
        throw XCTSkip("learning tests run in release builds (make test)")
        #endif
    }

    /// Configs/ppo-cartpole.yaml, seeds 0, 2 and 3: at least two reach a mean
    /// return ≥ 200 over 20 episodes within 30,000 steps (the full claim is
    /// ≥ 475 within 50,000 in 4 of 5 seeds; these seeds reach 200 at 7–17k).
    func testPPOLearnsCartPole() throws {
        try skipInDebug()
        let path = Fixture.root.appendingPathComponent("Configs/ppo-cartpole.yaml").path
        var config = try ConfigDocument(contentsOfFile: path).decode(PPOConfiguration.self)
        var specs: [AgentSpec] = []
        for seed: UInt64 in [0, 2, 3] {
            config.seed = seed
            specs.append(try AgentSpec(config))
        }
        let agents = try specs.map { try Agent($0) }
        ConcurrentTraining.train(agents, until: 30_000, threads: 2)
        let reached = agents.compactMap { $0.curve.stepReaching(200, window: 20) }
        XCTAssertGreaterThanOrEqual(reached.count, 2, "steps to 200: \(agents.map { $0.curve.stepReaching(200, window: 20) as Any })")
        for a in agents {
            XCTAssertTrue(a.curve.updates.allSatisfy { $0.approxKL.isFinite && $0.valueLoss.isFinite })
        }
    }

    /// Vanilla PG with a large step size on frequent small batches learns
    /// CartPole too: both seeds reach a mean return ≥ 150 within 20,000 steps.
    func testVanillaPGLearnsCartPole() throws {
        try skipInDebug()
        let path = Fixture.root.appendingPathComponent("Configs/ppo-cartpole.yaml").path
        var config = try ConfigDocument(contentsOfFile: path, overrides: [
            "learner=vpg", "ppo.learning_rate=1e-2", "ppo.num_steps=16", "ppo.gamma=0.99", "ppo.gae_lambda=0.95",
        ]).decode(PPOConfiguration.self)
        for seed: UInt64 in [0, 1] {
            config.seed = seed
            let agent = try Agent(try AgentSpec(config))
            agent.train(until: 20_000)
            XCTAssertNotNil(agent.curve.stepReaching(150, window: 20), "seed \(seed): \(agent.curve.meanReturn(last: 20) ?? .nan)")
            XCTAssertTrue(agent.curve.updates.allSatisfy { $0.gradientSteps == 1 })
        }
    }
}
