import Foundation
import XCTest

/// `populus train` run as a user runs it: outputs on disk, plain progress
/// lines when stdout is not a terminal, and config errors refused (exit 2)
/// before any work starts.
final class TrainCommandTests: CLITestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private var cartpole: String { root.appendingPathComponent("Configs/ppo-cartpole.yaml").path }

    private func train(_ extra: [String]) throws -> PopulusBinary.Result {
        try PopulusBinary.run(["train", cartpole, "--populations", directory.path] + extra)
    }

    func testTrainWritesMetricsResolvedConfigAndPolicy() throws {
        let r = try train(["--set", "total_steps=1024", "--set", "name=cli-train", "--set", "seed=4"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let run = directory.appendingPathComponent("cli-train")
        // Not a terminal: plain progress lines, then the summary.
        XCTAssertTrue(r.lines.contains { $0.hasPrefix("cli-train  step 1,024/1,024 (100%)") && $0.contains("steps/s") }, r.stdout)
        XCTAssertFalse(r.stdout.contains("\u{1B}["), "no terminal escapes in a pipe")
        XCTAssertTrue(r.stdout.contains("trained cli-train: 1,024 steps"), r.stdout)
        XCTAssertTrue(r.stdout.contains("policy:  \(run.path)/policy.ckpt (CRC-32C "), r.stdout)

        let csv = try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("step,episodes,episode_return_mean,policy_loss,value_loss,entropy,approx_kl,clipfrac,sps"),
                      lines[0])
        XCTAssertEqual(lines.count, 1 + 4)  // one row per update of 8 × 32 steps
        XCTAssertEqual(lines.dropFirst().map { $0.split(separator: ",")[0] }, ["256", "512", "768", "1024"])
        let last = lines[4].split(separator: ",").map(String.init)
        XCTAssertGreaterThan(Double(last[1])!, 0, "episodes")
        XCTAssertGreaterThan(Double(last[8])!, 0, "sps")

        let resolved = try String(contentsOf: run.appendingPathComponent("config.yaml"), encoding: .utf8)
        for line in ["total_steps: 1024", "seed: 4", "  update_epochs: 20", "  clip_vloss: false", "  target_kl: null"] {
            XCTAssertTrue(resolved.contains(line + "\n"), "\(line) missing from\n\(resolved)")
        }
        // The resolved config is itself a valid config.
        let check = try PopulusBinary.run(["config", "check", run.appendingPathComponent("config.yaml").path])
        XCTAssertEqual(check.status, 0, check.stderr)

        let policy = try Data(contentsOf: run.appendingPathComponent("policy.ckpt"))
        XCTAssertEqual(Array(policy.prefix(8)), [0x89, 0x50, 0x4F, 0x50, 0x43, 0x4B, 0x0D, 0x0A])
        // The printed CRC-32C is the one the file ends with (little-endian).
        let stored = policy.suffix(4).reversed().map { String(format: "%02x", $0) }.joined()
        XCTAssertTrue(r.stdout.contains("(CRC-32C \(stored))"), "\(stored) not in \(r.stdout)")
        XCTAssertTrue(policy.count > 4 * 4_000, "θ of two 4-64-64 networks is stored")
    }

    func testBadConfigsAreRefusedBeforeAnyWork() throws {
        let cases: [([String], String)] = [
            (["ppo.learning_rat=1e-3"], "error: --set ppo.learning_rat=1e-3: unknown key 'ppo.learning_rat' — did you mean 'learning_rate'?"),
            (["ppo.update_epochs=many"], "error: --set ppo.update_epochs=many: ppo.update_epochs: expected an integer, found the string 'many'"),
            (["ppo.learning_rate=-3e-4"], "error: --set ppo.learning_rate=-3e-4: ppo.learning_rate: -3e-4 is out of range; accepted: learning_rate > 0"),
            (["ppo.gamma=1.2"], "error: --set ppo.gamma=1.2: ppo.gamma: 1.2 is out of range; accepted: 0 ≤ gamma ≤ 1"),
            (["ppo.clip_coef=0"], "error: --set ppo.clip_coef=0: ppo.clip_coef: 0 is out of range; accepted: clip_coef > 0"),
        ]
        for (sets, expected) in cases {
            let r = try train(sets.flatMap { ["--set", $0] } + ["--set", "name=refused"])
            XCTAssertEqual(r.status, 2, "\(sets): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix(expected), "\(sets): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(sets): nothing starts")
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("refused").path))
        }
        // In the file itself the error names the file and line.
        var yaml = try String(contentsOfFile: cartpole, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "  gamma: 0.98", with: "  gamma: 1.5")
        let file = directory.appendingPathComponent("bad.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let r = try PopulusBinary.run(["train", file.path, "--populations", directory.path])
        XCTAssertEqual(r.status, 2)
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("  gamma:") }! + 1
        XCTAssertTrue(r.stderr.hasPrefix("error: \(file.path):\(line): ppo.gamma: 1.5 is out of range; accepted: 0 ≤ gamma ≤ 1"),
                      r.stderr)
    }

    func testExistingRunNeedsOverwrite() throws {
        let args = ["--set", "total_steps=256", "--set", "name=twice", "--quiet"]
        XCTAssertEqual(try train(args).status, 0)
        let again = try train(args)
        XCTAssertEqual(again.status, 2, "a run-directory error is a user error, as for evolve")
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)
        let overwritten = try train(args + ["--overwrite"])
        XCTAssertEqual(overwritten.status, 0, overwritten.stderr)
        XCTAssertFalse(overwritten.stdout.contains(" step "), "--quiet prints no progress: \(overwritten.stdout)")
    }

    func testOtherAlgorithmsAreRefused() throws {
        let file = directory.appendingPathComponent("es.yaml")
        try "name: x\nalgorithm: es\nenv: CartPole-v1\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try PopulusBinary.run(["train", file.path, "--populations", directory.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("algorithm: ppo"), r.stderr)
    }
}
