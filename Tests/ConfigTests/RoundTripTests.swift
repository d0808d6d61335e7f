import Foundation
import XCTest
@testable import Config

final class RoundTripTests: XCTestCase {
    func testResolvedConfigReadsBackEqual() throws {
        var expected = try ConfigDocument(yaml: baseYAML, overrides: ["ppo.target_kl=0.015", "notes=yes"])
            .decode(TestRun.self)
        expected.sigma = .exponentialDecay(rate: 0.999, floor: 1e-5)
        expected.ppo.optimizer.learningRate = 0.1 + 0.2   // not a short decimal
        expected.precision = 1.0 / 3.0
        expected.envKwargs["null"] = -.infinity
        let text = try ConfigWriter.yaml(expected)
        let back = try ConfigDocument(yaml: text).decode(TestRun.self)
        XCTAssertEqual(back, expected, text)
        XCTAssertEqual(back.ppo.optimizer.learningRate.bitPattern, expected.ppo.optimizer.learningRate.bitPattern)
        XCTAssertTrue(text.contains("notes: 'yes'"), "strings YAML would misread are quoted:\n\(text)")
    }

    func testResolvedConfigListsEveryDefault() throws {
        let run = try ConfigDocument(yaml: "name: a\nalgorithm: ppo\nenv: x\n").decode(TestRun.self)
        let text = try ConfigWriter.yaml(run)
        for key in ["seed: 0", "total_steps: 50000", "gae_lambda: 0.95", "target_kl: null",
                    "learning_rate: 0.0003", "hidden_sizes: [64, 64]", "notes: null", "precision: 0.1"] {
            XCTAssertTrue(text.contains(key), "missing '\(key)' in:\n\(text)")
        }
        // Declaration order, so the file reads like the type's documentation.
        let order = ["name:", "seed:", "algorithm:", "env:", "total_steps:", "ppo:"].map { text.range(of: $0)!.lowerBound }
        XCTAssertEqual(order, order.sorted())
        XCTAssertEqual(try ConfigDocument(yaml: text).decode(TestRun.self), run)
    }

    func testWriteResolvedIntoTheRunDirectory() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("populus-config-\(ProcessInfo.processInfo.processIdentifier)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try ConfigDocument(yaml: baseYAML).decode(TestRun.self)
        let path = try ConfigWriter.writeResolved(run, populations: root, comment: "resolved from test")
        XCTAssertEqual(path, root + "/cartpole-a/config.yaml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("# resolved from test\n"))
        XCTAssertEqual(try ConfigDocument(contentsOfFile: path).decode(TestRun.self), run)
    }
}
