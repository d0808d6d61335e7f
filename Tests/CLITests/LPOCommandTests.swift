import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The `lpo` run kind as a user runs it: SIGKILL and resume end on the
/// straight run's digest and metrics; `compare` beside PPO, DPO and PG on its
/// own environment and on another one; `transfer` collects a table; `zoo
/// export` writes an objective file that `compare` and `train --objective` read.
final class LPOCommandTests: CLITestCase {
    /// 4 candidates × 1 task, 1,024-step lifetimes of 2 environments × 32 steps, a TA-LPO drift of 4 units.
    private func config(name: String) throws -> String {
        let url = directory.appendingPathComponent("\(name).yaml")
        try """
            name: \(name)
            seed: 5
            algorithm: lpo
            env: cartpole-random
            generations: 6
            checkpoint_every: 2
            es: {population_size: 4, sigma: 0.05}
            outer: {tasks_per_candidate: 1, validation_every: 3, validation_tasks: 2}
            objective: {family: ta-lpo, hidden: 4}
            lifetime_steps: 1024
            ppo: {num_envs: 2, num_steps: 32, num_minibatches: 1, update_epochs: 4, learning_rate: 1e-3, hidden_sizes: [16]}
            compare: {seeds: 2, curve_points: 6}
            """.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func run(_ arguments: [String]) throws -> PopulusBinary.Result { try PopulusBinary.run(arguments) }

    private func digest(_ path: String) throws -> String {
        let r = try run(["inspect", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.lines.first { $0.hasPrefix("digest ") }.map { $0.dropFirst(7).trimmingCharacters(in: .whitespaces) } ?? ""
    }

    func testEvolveKillResumeCompareTransferZoo() throws {
        let straight = try config(name: "straight")
        let s = try run(["evolve", straight, "--populations", populations, "--threads", "1"])
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertTrue(s.stdout.contains("evolving straight: lpo on cartpole-random, 6 generations"), s.stdout)
        let want = try digest("\(populations)/straight")

        let killed = try config(name: "killed")
        try PopulusBinary.startAndKill(["evolve", killed, "--populations", populations, "--threads", "2", "--quiet"],
                                       whenExists: "\(populations)/killed/checkpoints/gen-00000002.ckpt")
        let resumed = try run(["resume", "\(populations)/killed", "--threads", "2", "--quiet"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try digest("\(populations)/killed"), want, "killed and resumed ends on the straight run's state")
        let metrics = { (name: String) in
            try String(contentsOfFile: "\(self.populations)/\(name)/metrics.csv", encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset != 6 }.map { String($0.element) } }   // column 6: wall_seconds
        }
        XCTAssertEqual(try metrics("killed"), try metrics("straight"))

        let c = try run(["compare", "\(populations)/killed", "--threads", "2"])
        XCTAssertEqual(c.status, 0, c.stderr)
        XCTAssertTrue(c.stdout.contains("comparing evolved, ppo, dpo, pg on 2 held-out test tasks of cartpole-random, 1024 steps"), c.stdout)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(
            fileURLWithPath: "\(populations)/killed/report/summary.json"))) as? [String: Any]
        XCTAssertEqual(Set((summary?["methods"] as? [String: Any])?.keys.map { $0 } ?? []), ["evolved", "ppo", "dpo", "pg"])
        let page = try String(contentsOfFile: "\(populations)/killed/report/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("The evolved objective"), "the drift is drawn on the run's page")

        let other = try run(["compare", "\(populations)/killed", "--env", "bandit-10", "--seeds", "2", "--quiet"])
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(populations)/killed/transfer/bandit-10-uniform/summary.json"))
        let table = try run(["transfer", "\(populations)/killed", "--envs", "bandit-10-uniform,point-goal", "--seeds", "2",
                             "--quiet"])
        XCTAssertEqual(table.status, 0, table.stderr)
        let markdown = try String(contentsOfFile: "\(populations)/killed/transfer/transfer.md", encoding: .utf8)
        XCTAssertTrue(markdown.contains("| bandit-10-uniform |") && markdown.contains("| point-goal |"), markdown)
        // Two runs (here the same seed twice): means over runs, the task count as runs × tasks, a pooled test.
        let pooled = try run(["transfer", "\(populations)/killed", "\(populations)/straight", "--envs", "point-goal",
                              "--seeds", "2", "--quiet", "--output", directory.appendingPathComponent("pooled").path])
        XCTAssertEqual(pooled.status, 0, pooled.stderr)
        let two = try String(contentsOf: directory.appendingPathComponent("pooled/transfer.md"), encoding: .utf8)
        XCTAssertTrue(two.contains("| point-goal | 3200 | 2 × 2 |") && two.contains("pooled p ="), two)

        let zoo = directory.appendingPathComponent("zoo/tiny.phi").path
        let export = try run(["zoo", "export", "\(populations)/killed", "--output", zoo, "--result", "a test"])
        XCTAssertEqual(export.status, 0, export.stderr)
        let fromFile = try run(["compare", zoo, "--env", "cartpole", "--seeds", "2", "--quiet", "--populations", populations])
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
        let ppo = directory.appendingPathComponent("ppo.yaml")
        try "name: with-drift\nalgorithm: ppo\nenv: CartPole-v1\ntotal_steps: 512\nppo: {num_envs: 2, num_steps: 32}\n"
            .write(to: ppo, atomically: true, encoding: .utf8)
        let trained = try run(["train", ppo.path, "--objective", zoo, "--populations", populations, "--quiet"])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertTrue(trained.stdout.contains("objective: \(zoo) (ta-lpo over ppo, evolved on cartpole-random)"), trained.stdout)
        var damaged = try String(contentsOfFile: zoo, encoding: .utf8)
        damaged = damaged.replacingOccurrences(of: "hidden: 4", with: "hidden: 5")
        try damaged.write(toFile: zoo, atomically: true, encoding: .utf8)
        let refused = try run(["compare", zoo, "--env", "cartpole"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("tiny.phi:10: phi:"), refused.stderr)
    }
}
