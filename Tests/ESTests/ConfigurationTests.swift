import Config
import Evolution
import Foundation
import ES
import Policies
import Runs
import XCTest

/// `algorithm: es` configs through the Config module: the shipped file,
/// defaults, the mapping onto the ES core, and refusals with key and line.
final class ConfigurationTests: XCTestCase {
    func testShippedCartPoleConfigDecodesToTheIssueSettings() throws {
        let path = Support.root.appendingPathComponent("Configs/es-cartpole.yaml").path
        let c = try ConfigDocument(contentsOfFile: path).decode(ESConfiguration.self)
        XCTAssertEqual(c.name, "es-cartpole")
        XCTAssertEqual(c.env, "CartPole-v1")
        XCTAssertEqual(c.es.populationSize, 256)
        XCTAssertEqual(c.policy.hiddenSizes, [32, 32])
        XCTAssertEqual(c.policy.activation, .tanh)
        XCTAssertEqual(c.policy.actions, .deterministic)
        XCTAssertEqual(c.evaluation.maxSteps, 500)
        let s = c.es.strategyConfiguration(seed: c.seed)
        XCTAssertEqual(s.algorithm, .openAIES)
        XCTAssertEqual(s.sigma, .constant(0.1))
        XCTAssertEqual(s.learningRate, .constant(0.03))
        XCTAssertEqual(s.optimizer, .adam)
        XCTAssertEqual(s.shaping, .centeredRanks)
        XCTAssertTrue(s.antithetic)
        XCTAssertEqual(s.seed, c.seed)
        let run = try ESRun(configuration: c, threads: 1)
        XCTAssertEqual(run.runner.network.sizes, [4, 32, 32, 2])
        XCTAssertEqual(run.runner.network.parameterCount, 4 * 32 + 32 + 32 * 32 + 32 + 32 * 2 + 2)
    }

    func testResolvedYAMLRoundTripsWithSchedulesAndOptimizerSettings() throws {
        let yaml = """
            name: rt
            algorithm: es
            env: pendulum
            es:
              sigma: {exponential: {initial: 0.2, decay: 0.99, floor: 0.02}}
              learning_rate: {linear: {initial: 0.05, final: 0.01, generations: 50}}
              optimizer: {adam: {beta1: 0.8}}
              shaping: z-score
            """
        let c = try ConfigDocument(yaml: yaml).decode(ESConfiguration.self)
        XCTAssertEqual(c.es.sigma, .exponential(initial: 0.2, decay: 0.99, floor: 0.02))
        XCTAssertEqual(c.es.optimizer, .adam(beta1: 0.8, beta2: 0.999, epsilon: 1e-8))
        let resolved = try ConfigWriter.yaml(c)
        XCTAssertEqual(try ConfigDocument(yaml: resolved).decode(ESConfiguration.self), c)
        XCTAssertTrue(resolved.contains("population_size: 256"), resolved)
    }

    func testRefusalsNameKeyLineAndAcceptedValues() throws {
        func error(_ yaml: String) -> String {
            do {
                _ = try ConfigDocument(yaml: yaml, file: "c.yaml").decode(ESConfiguration.self)
                return "decoded"
            } catch {
                return "\(error)"
            }
        }
        let base = "name: e\nalgorithm: es\nenv: CartPole-v1\n"
        XCTAssertTrue(error(base + "es:\n  population_size: 15\n").contains("c.yaml:5: es.population_size"))
        XCTAssertTrue(error(base + "es:\n  population_size: 15\n").contains("even"))
        XCTAssertTrue(error(base + "es:\n  sigma: -1\n").contains("es.sigma"), error(base + "es:\n  sigma: -1\n"))
        XCTAssertTrue(error(base + "es:\n  strategy: cma\n").contains("openai-es, snes, pgpe"))
        let env = error("name: e\nalgorithm: es\nenv: CartPol-v1\n")
        XCTAssertTrue(env.contains("c.yaml:3: env") && env.contains("Did you mean 'CartPole-v1'"), env)
        XCTAssertTrue(error(base + "evaluation: {split: ood}\n").contains("no 'ood' split"))
        XCTAssertTrue(error("name: e\nalgorithm: es\nenv: pendulum\npolicy: {actions: sample}\n").contains("continuous actions"))
        XCTAssertTrue(error(base + "policy: {hidden_sizes: [32, 0]}\n").contains("policy.hidden_sizes[1]"))
        XCTAssertTrue(error(base + "es: {learning_rat: 0.1}\n").contains("did you mean 'learning_rate'"))
        XCTAssertTrue(error("name: e\nalgorithm: ppo\nenv: CartPole-v1\n").contains("algorithm"))
    }
}
