import Agents
import Config
import XCTest

/// The shipped configs decode, and bad values are refused with the key path
/// and the accepted range.
final class ConfigurationTests: XCTestCase {
    func testShippedConfigsDecode() throws {
        for (file, env) in [("ppo-cartpole.yaml", "CartPole-v1"), ("ppo-pendulum.yaml", "Pendulum-v1")] {
            let path = Fixture.root.appendingPathComponent("Configs/\(file)").path
            let config = try ConfigDocument(contentsOfFile: path).decode(PPOConfiguration.self)
            XCTAssertEqual(config.env, env)
            XCTAssertEqual(config.learner, .ppo)
            // The resolved form reads back to the same value.
            let again = try ConfigDocument(yaml: try ConfigWriter.yaml(config)).decode(PPOConfiguration.self)
            XCTAssertEqual(again, config)
            _ = try AgentSpec(config)
        }
        let cartpole = try ConfigDocument(contentsOfFile: Fixture.root.appendingPathComponent("Configs/ppo-cartpole.yaml").path)
            .decode(PPOConfiguration.self)
        XCTAssertEqual(cartpole.ppo.batchSize, 256)
        XCTAssertEqual(cartpole.ppo.updateEpochs, 20)
        XCTAssertEqual(cartpole.ppo.gamma, 0.98)
    }

    func testBadValuesNameKeyAndRange() {
        let base = "name: t\nalgorithm: ppo\nenv: CartPole-v1\nppo:\n  gamma: 0.99\n"
        let cases: [(String, String)] = [
            ("ppo.learning_rate=-0.001", "ppo.learning_rate: -0.001 is out of range; accepted: learning_rate > 0"),
            ("ppo.gamma=1.01", "ppo.gamma: 1.01 is out of range; accepted: 0 ≤ gamma ≤ 1"),
            ("ppo.clip_coef=0", "ppo.clip_coef: 0 is out of range; accepted: clip_coef > 0"),
            ("ppo.clip_coef=-0.2", "ppo.clip_coef: -0.2 is out of range; accepted: clip_coef > 0"),
            ("ppo.num_envs=true", "ppo.num_envs: expected an integer"),
            ("ppo.gama=0.9", "unknown key 'ppo.gama' — did you mean 'gamma'?"),
            ("learner=ppo2", "learner: 'ppo2' is not one of the accepted values: ppo, vpg"),
            ("env=NoSuchEnv", "env: unknown environment 'NoSuchEnv'"),
            ("ppo.num_minibatches=0", "ppo.num_minibatches: 0 is out of range; accepted: num_minibatches ≥ 1"),
        ]
        for (override, expected) in cases {
            XCTAssertThrowsError(try ConfigDocument(yaml: base, file: "x.yaml", overrides: [override]).decode(PPOConfiguration.self),
                                 override) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(override): \(error)")
            }
        }
    }
}
