import Foundation
import XCTest

/// `populus config check` run as a user runs it: the built binary, its exit
/// status, stdout and stderr.
final class ConfigCommandTests: CLITestCase {
    private func write(_ text: String) throws -> String {
        let url = directory.appendingPathComponent("config.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private let valid = "name: cli-test\nalgorithm: ppo\nenv: CartPole-v1\nppo:\n  gamma: 0.98\n"

    func testValidConfigPrintsResolvedYAML() throws {
        let file = try write(valid)
        let r = try PopulusBinary.run(["config", "check", file, "--set", "total_steps=1_000"])
        XCTAssertEqual(r.status, 0, r.stderr)
        // The header comes first, in order; the algorithm's own keys follow.
        XCTAssertTrue(r.stdout.hasPrefix("name: cli-test\nseed: 0\nalgorithm: ppo\nenv: CartPole-v1\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\ntotal_steps: 1000\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("gamma: 0.98"), r.stdout)
    }

    func testBadValueExitsTwoWithFileLineAndSuggestion() throws {
        let file = try write(valid.replacingOccurrences(of: "algorithm: ppo", with: "algorithm: pp0"))
        let r = try PopulusBinary.run(["config", "check", file])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr,
                       "error: \(file):2: algorithm: 'pp0' is not one of the accepted values: ppo, es, epg, lpo, pbt, poet — did you mean 'ppo'?\n")
    }

    func testOverrideErrorsNameTheOverride() throws {
        let file = try write(valid)
        let r = try PopulusBinary.run(["config", "check", file, "--set", "seed=-1"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("error: --set seed=-1: seed: -1 is out of range"), r.stderr)
        let malformed = try PopulusBinary.run(["config", "check", file, "--set", "seed"])
        XCTAssertEqual(malformed.status, 2)
        XCTAssertTrue(malformed.stderr.contains("--set seed: expected path.to.key=value"), malformed.stderr)
    }

    func testSyntaxErrorAndMissingFileExitTwo() throws {
        let file = try write("name: x\nseed: 1\n  algorithm: ppo\n")
        let syntax = try PopulusBinary.run(["config", "check", file])
        XCTAssertEqual(syntax.status, 2)
        XCTAssertTrue(syntax.stderr.hasPrefix("error: \(file):3: not valid YAML"), syntax.stderr)
        let missing = try PopulusBinary.run(["config", "check", directory.appendingPathComponent("nope.yaml").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasSuffix("nope.yaml: no such file\n"), missing.stderr)
    }
}
