import Agents
import Checkpoint
import Config
@testable import EPG
import Foundation
import Runs
import XCTest

/// `algorithm: lpo` configs: defaults, errors that name the key, and the shipped configs.
final class LPOConfigurationTests: XCTestCase {
    private func decode(_ yaml: String) throws -> LPOConfiguration {
        let env = yaml.contains("env:") ? "" : "env: cartpole-random\n"
        return try ConfigDocument(yaml: "name: x\nalgorithm: lpo\n" + env + yaml, file: "lpo.yaml")
            .decode(LPOConfiguration.self)
    }

    func testDefaultsAreThePapersShape() throws {
        let c = try decode("")
        XCTAssertEqual(c.sections.es.populationSize, 16)
        XCTAssertEqual(c.sections.objective.family, .lpo)
        XCTAssertEqual(c.sections.objective.base, .ppo)
        XCTAssertEqual(c.sections.objective.initial, .zero)
        XCTAssertTrue(c.sections.outer.validateStart)
        XCTAssertEqual(c.sections.compare.baselines, [.ppo, .dpo, .vpg])
        // |φ| = F + (F + 1)·H with F = 8 (LPO) or 16 (TA-LPO).
        XCTAssertEqual(try c.sections.lifetimes(env: c.env).genomeLength, 8 + 9 * 32)
        let ta = try decode("objective: {family: ta-lpo, hidden: 4}\n")
        XCTAssertEqual(try ta.sections.lifetimes(env: ta.env).genomeLength, 16 + 17 * 4)
        // null lifetime and PPO settings are the environment's shipped ones.
        XCTAssertEqual(try c.sections.lifetimes(env: "acrobot").lifetimeSteps,
                       ShippedPPO.settings(for: "acrobot").lifetimeSteps)
    }

    func testConfigurationErrorsNameTheKey() {
        for (yaml, needles) in [("objective: {family: epg}\n", ["family", "lpo", "ta-lpo"]),
                                ("objective: {base: clip}\n", ["base", "ppo", "dpo", "none"]),
                                ("objective: {hidden: 0}\n", ["hidden"]),
                                ("objective: {init: ppo}\n", ["init", "zero", "random"]),
                                ("objective: {init_scale: -1}\n", ["init_scale"]),
                                ("outer: {alpha_anneal_generations: 10}\n", ["alpha_anneal_generations"]),
                                ("lifetime_steps: 0\n", ["lifetime_steps"]),
                                ("env: nowhere\n", ["env", "nowhere"]),
                                ("objective: {famly: lpo}\n", ["famly"])] {
            XCTAssertThrowsError(try decode(yaml), yaml) { error in
                for needle in needles + ["lpo.yaml"] {
                    XCTAssertTrue("\(error)".contains(needle), "\(yaml) → \(error) lacks \(needle)")
                }
            }
        }
    }

    /// φ₀ from an earlier LPO run, or from its zoo file; an EPG run or another shape is refused at the key.
    func testWarmStartFromARunOrAZooFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lpo-warm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var source = try decode("""
            generations: 1
            es: {population_size: 4, sigma: 0.5}
            outer: {tasks_per_candidate: 1, validation_every: 100, validate_start: false}
            objective: {hidden: 2}
            lifetime_steps: 512
            ppo: {num_envs: 1, num_steps: 64, num_minibatches: 2, update_epochs: 10, learning_rate: 0.02, hidden_sizes: [8]}
            """)
        source.name = "earlier"
        var earlier = try LPORun(configuration: source, threads: 1)
        _ = try earlier.runGeneration()
        XCTAssertNotEqual(earlier.strategy.mean, [Float](repeating: 0, count: earlier.strategy.mean.count))
        let run = try RunDirectory.create(name: source.name, under: directory, config: try ConfigWriter.yaml(source))
        var checkpoint = Checkpoint(kind: LPORun.kind, generation: earlier.generation)
        earlier.save(into: &checkpoint)
        _ = try run.checkpoints().write(checkpoint)

        var warm = source
        warm.name = "warm"
        warm.seed = 7
        warm.outer.warmStart = run.root.path
        XCTAssertEqual(try LPORun(configuration: warm, threads: 1).strategy.mean, earlier.strategy.mean)

        let zoo = directory.appendingPathComponent("earlier.phi")
        try ObjectiveFile(objective: source.objective, env: source.env, seed: source.seed, generations: 1,
                          commit: "test", result: "", genome: earlier.strategy.mean).write(to: zoo)
        warm.outer.warmStart = zoo.path
        XCTAssertEqual(try LPORun(configuration: warm, threads: 1).strategy.mean, earlier.strategy.mean)

        warm.objective.hidden = 3
        XCTAssertThrowsError(try LPORun(configuration: warm, threads: 1)) { error in
            XCTAssertEqual((error as? ConfigError)?.keyPath, "outer.warm_start", "\(error)")
            XCTAssertTrue("\(error)".contains("objective sections differ"), "\(error)")
        }
        var epg = OuterLoopTests.tinyConfiguration()
        epg.outer.warmStart = run.root.path
        XCTAssertThrowsError(try EPGRun(configuration: epg, threads: 1)) { error in
            XCTAssertEqual((error as? ConfigError)?.keyPath, "outer.warm_start", "\(error)")
        }
        epg.outer.warmStart = zoo.path
        XCTAssertThrowsError(try EPGRun(configuration: epg, threads: 1)) { error in
            XCTAssertTrue("\(error)".contains("objective file"), "\(error)")
        }
    }

    func testShippedLPOConfigsAreValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let configs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Configs").path)
            .filter { $0.contains("lpo-") && $0.hasSuffix(".yaml") }.sorted()
        XCTAssertEqual(configs, ["lpo-cartpole.yaml", "lpo-demo.yaml", "ta-lpo-cartpole.yaml"])
        for name in configs {
            let url = root.appendingPathComponent("Configs/\(name)")
            let text = try String(contentsOf: url, encoding: .utf8)
            let c = try ConfigDocument(yaml: text, file: url.path).decode(LPOConfiguration.self)
            let run = try LPORun(configuration: c, threads: 1)
            XCTAssertEqual(run.strategy.mean.count, run.lifetimes.genomeLength, name)
            XCTAssertTrue(run.strategy.mean.allSatisfy { $0 == 0 }, "\(name): φ₀ = 0 is PPO")
        }
    }
}
