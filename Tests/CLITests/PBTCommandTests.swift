import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// PBT through the command line: `evolve` writes metrics, checkpoints and
/// lineage.jsonl; a run killed and resumed (or resumed from an older
/// checkpoint) ends bit for bit where a straight run ends, lineage included;
/// `pbt schedule`, `report` and `train --schedule` read the run.
final class PBTCommandTests: CLITestCase {
    /// 4 PPO members on CartPole, ready every 256 steps.
    private func config(name: String, generations: Int = 6, every: Int = 2, extra: String = "") throws -> String {
        let url = directory.appendingPathComponent("\(name).yaml")
        try """
            name: \(name)
            seed: 5
            algorithm: pbt
            env: CartPole-v1
            generations: \(generations)
            checkpoint_every: \(every)
            keep_checkpoints: 5
            pbt:
              population_size: 4
              interval: 256
              truncation_fraction: 0.5
              return_window: 5
              hyperparameters:
                learning_rate: {scale: log, min: 1e-4, max: 1e-1}
                update_epochs: {scale: integer, min: 1, max: 4}
            ppo: {num_envs: 2, num_steps: 64, hidden_sizes: [16]}
            \(extra)
            """.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func run(_ arguments: [String]) throws -> PopulusBinary.Result { try PopulusBinary.run(arguments) }

    private func digest(_ path: String) throws -> String {
        let r = try run(["inspect", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.lines.first { $0.hasPrefix("digest ") }?.dropFirst(7).trimmingCharacters(in: .whitespaces) ?? ""
    }

    private func file(_ run: String, _ name: String) throws -> String {
        try String(contentsOfFile: "\(populations)/\(run)/\(name)", encoding: .utf8)
    }

    /// metrics.csv without the wall-clock column.
    private func metrics(_ run: String) throws -> [[Substring]] {
        try file(run, "metrics.csv").split(separator: "\n").map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return Array(f[0..<4] + f[5...])
        }
    }

    func testEvolveWritesLineageAndScheduleReportAndReplayReadIt() throws {
        let path = try config(name: "tiny")
        let r = try run(["evolve", path, "--populations", populations, "--threads", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("evolving tiny: pbt on CartPole-v1, 6 generations"), r.stdout)
        let rows = try file("tiny", "metrics.csv").split(separator: "\n")
        XCTAssertEqual(rows.count, 7)
        XCTAssertTrue(rows[0].hasPrefix("generation,fitness_mean,fitness_max,fitness_min,wall_seconds,env_steps,exploits,best_member,m0_return,m0_learning_rate,m0_update_epochs,m1_return"))
        let lineage = try file("tiny", "lineage.jsonl").split(separator: "\n")
        XCTAssertEqual(lineage.filter { $0.contains(#""event":"start""#) }.count, 4)
        let exploits = lineage.filter { $0.contains(#""event":"exploit""#) }
        XCTAssertFalse(exploits.isEmpty)
        XCTAssertTrue(exploits[0].contains(#""old":{"learning_rate":"#) && exploits[0].contains(#""target_score":"#), String(exploits[0]))

        let inspect = try run(["inspect", "\(populations)/tiny"])
        XCTAssertTrue(inspect.stdout.contains("kind              pbt") || inspect.stdout.contains("kind  "), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("synchronous, ready every 256 steps"), inspect.stdout)

        let scheduleFile = directory.appendingPathComponent("best.json").path
        let s = try run(["pbt", "schedule", "\(populations)/tiny", "--member", "best", "--output", scheduleFile])
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertTrue(s.lines[0].hasPrefix("tiny, member "), s.stdout)
        XCTAssertTrue(s.lines[0].contains("after 1,536 steps; lineage "), s.stdout)
        XCTAssertTrue(s.lines[1].hasPrefix("steps") && s.lines[1].contains("learning_rate") && s.lines[1].contains("update_epochs"), s.stdout)
        XCTAssertTrue(s.lines[2].hasPrefix("0–"), s.stdout)
        XCTAssertTrue(s.lines.contains { $0.hasSuffix("–1,536") || $0.contains("–1,536 ") }, s.stdout)
        let json = try String(contentsOfFile: scheduleFile, encoding: .utf8)
        XCTAssertTrue(json.contains(#""from_step" : 0"#), json)
        for member in ["0", "3"] {
            XCTAssertEqual(try run(["pbt", "schedule", "\(populations)/tiny", "--member", member]).status, 0)
        }
        let bad = try run(["pbt", "schedule", "\(populations)/tiny", "--member", "9"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("member 9 does not exist; the population has members 0…3"), bad.stderr)

        let report = try run(["report", "\(populations)/tiny"])
        XCTAssertEqual(report.status, 0, report.stderr)
        let html = try file("tiny", "report/index.html")
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 4, "scores, 2 hyperparameters, lineage")
        XCTAssertTrue(html.contains("Lineage of tiny") && html.contains("The best member&#39;s schedule"), html)
        XCTAssertFalse(html.contains("<script"))

        // Replaying the schedule on one agent of the same shape.
        let train = directory.appendingPathComponent("replay.yaml")
        try """
            name: replay
            seed: 5
            algorithm: ppo
            env: CartPole-v1
            total_steps: 1536
            ppo: {num_envs: 2, num_steps: 64, hidden_sizes: [16]}
            """.write(to: train, atomically: true, encoding: .utf8)
        let replay = try run(["train", train.path, "--schedule", scheduleFile, "--populations", populations, "--quiet"])
        XCTAssertEqual(replay.status, 0, replay.stderr)
        XCTAssertTrue(replay.stdout.contains("schedule: steps 0–"), replay.stdout)
        let lr = try file("replay", "metrics.csv").split(separator: "\n")
        XCTAssertEqual(lr.count, 1 + 12, "one row per update of 128 steps")
    }

    /// A run resumed from an older checkpoint rewrites lineage.jsonl to it and
    /// ends where the straight run ends; so does a run killed at an arbitrary point.
    func testResumedAndKilledRunsEndBitwiseEqualToAStraightRunLineageIncluded() throws {
        let straight = try config(name: "straight")
        XCTAssertEqual(try run(["evolve", straight, "--populations", populations, "--threads", "1", "--quiet"]).status, 0)
        let want = try digest("\(populations)/straight")

        let older = try config(name: "older")
        XCTAssertEqual(try run(["evolve", older, "--populations", populations, "--threads", "2", "--quiet"]).status, 0)
        XCTAssertEqual(try digest("\(populations)/older"), want, "threads do not matter")
        let r = try run(["resume", "\(populations)/older/checkpoints/gen-00000002.ckpt", "--threads", "2", "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try digest("\(populations)/older"), want)
        XCTAssertEqual(try file("older", "lineage.jsonl"), try file("straight", "lineage.jsonl"))
        XCTAssertEqual(try metrics("older"), try metrics("straight"))

        // Long enough that a release build is still running ~2 ms after its generation-8 checkpoint.
        let killed = try config(name: "killed", generations: 100, every: 4)
        let long = try config(name: "long", generations: 100, every: 4)
        XCTAssertEqual(try run(["evolve", long, "--populations", populations, "--threads", "2", "--quiet"]).status, 0)
        try PopulusBinary.startAndKill(["evolve", killed, "--populations", populations, "--threads", "2", "--quiet"],
                                       whenExists: "\(populations)/killed/checkpoints/gen-00000008.ckpt", signal: SIGTERM)
        let resumed = try run(["resume", "\(populations)/killed", "--threads", "1", "--quiet"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try digest("\(populations)/killed"), try digest("\(populations)/long"))
        XCTAssertEqual(try file("killed", "lineage.jsonl"), try file("long", "lineage.jsonl"))
        XCTAssertEqual(try metrics("killed"), try metrics("long"))
    }

    func testUserErrorsExitWithStatusTwo() throws {
        let badRange = try config(name: "bad", extra: "")
        let r = try run(["evolve", badRange, "--populations", populations, "--set", "pbt.hyperparameters.learning_rate.min=0"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("pbt.hyperparameters") && r.stderr.contains("scale: log needs min > 0"), r.stderr)
        let unknown = try run(["evolve", badRange, "--populations", populations, "--set", "pbt.hyperparameters.hidden_sizes={min: 1, max: 2}"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("'hidden_sizes' is not a hyperparameter PBT can change; accepted: learning_rate"), unknown.stderr)
        let anneal = try run(["evolve", badRange, "--populations", populations, "--set", "ppo.anneal_lr=true"])
        XCTAssertEqual(anneal.status, 2)
        XCTAssertTrue(anneal.stderr.contains("anneal_lr: false"), anneal.stderr)
        let notPBT = try run(["pbt", "schedule", directory.path])
        XCTAssertEqual(notPBT.status, 2)
        XCTAssertTrue(notPBT.stderr.contains("not a run directory (no config.yaml)"), notPBT.stderr)
    }

}
