import Foundation
import XCTest
@testable import PBT

final class LineageTests: XCTestCase {
    func testRecordRoundTripsThroughJSONExactly() throws {
        let r = LineageRecord(event: .exploit, generation: 3, step: 24_576, target: 5, source: 2, sourceStep: 24_576,
                              old: ["gamma": 0.99, "learning_rate": 1.2345678901234567e-4],
                              new: ["learning_rate": 0.1 + 0.2, "gamma": 0.9912],
                              targetScore: -812.4, sourceScore: .nan)
        let line = r.jsonLine
        XCTAssertEqual(line, #"{"event":"exploit","generation":3,"step":24576,"target":5,"source":2,"source_step":24576,"old":{"learning_rate":0.00012345678901234567,"gamma":0.99},"new":{"learning_rate":0.30000000000000004,"gamma":0.9912},"target_score":-812.4,"source_score":null}"#)
        let back = try LineageRecord(jsonLine: line)
        XCTAssertEqual(back.new["learning_rate"]!.bitPattern, (0.1 + 0.2).bitPattern)
        XCTAssertEqual(back.old, r.old)
        XCTAssertNil(back.sourceScore)
        XCTAssertEqual(back.targetScore, -812.4)
        XCTAssertThrowsError(try LineageRecord(jsonLine: #"{"event":"exploit"}"#)) { error in
            XCTAssertTrue("\(error)".contains("no 'generation'"), "\(error)")
        }
    }

    func testLogAppendsRewritesAndIgnoresATornLastLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pbt-lineage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = LineageLog(directory: dir)
        let a = LineageRecord(event: .start, generation: 0, step: 0, target: 0, new: ["learning_rate": 1e-3])
        let b = LineageRecord(event: .start, generation: 0, step: 0, target: 1, new: ["learning_rate": 2e-3])
        try log.append([a])
        try log.append([b])
        XCTAssertEqual(try log.read(), [a, b])
        // A process killed mid-line leaves a torn record: ignored.
        let handle = try FileHandle(forWritingTo: log.url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"event":"exploit","gen"#.utf8))
        try handle.close()
        XCTAssertEqual(try log.read(), [a, b])
        try log.rewrite([b])
        XCTAssertEqual(try log.read(), [b])
        try Data("garbage\n".utf8).write(to: log.url)
        XCTAssertThrowsError(try log.read()) { error in
            XCTAssertTrue("\(error)".contains("lineage.jsonl:1: not a lineage record"), "\(error)")
        }
    }

    /// Members 0–2 start; at step 100 member 2 copies 0; at 200 member 0
    /// copies 2; the schedule of member 0 at step 300 is 2's at 200, which is
    /// 0's at 100.
    func testScheduleFollowsTheLineageBackToAStart() throws {
        let records = [
            LineageRecord(event: .start, generation: 0, step: 0, target: 0, new: ["learning_rate": 0.1]),
            LineageRecord(event: .start, generation: 0, step: 0, target: 1, new: ["learning_rate": 0.2]),
            LineageRecord(event: .start, generation: 0, step: 0, target: 2, new: ["learning_rate": 0.3]),
            LineageRecord(event: .exploit, generation: 1, step: 100, target: 2, source: 0, sourceStep: 100,
                          old: ["learning_rate": 0.3], new: ["learning_rate": 0.12]),
            LineageRecord(event: .exploit, generation: 2, step: 200, target: 0, source: 2, sourceStep: 200,
                          old: ["learning_rate": 0.1], new: ["learning_rate": 0.096]),
            // At the final step 300: excluded (the state scored at 300 predates it).
            LineageRecord(event: .exploit, generation: 3, step: 300, target: 0, source: 1, sourceStep: 300,
                          old: ["learning_rate": 0.096], new: ["learning_rate": 0.16]),
        ]
        let s = try HyperparameterSchedule.trace(records, run: "r", member: 0, step: 300, score: 5)
        XCTAssertEqual(s.segments.map(\.fromStep), [0, 100, 200])
        XCTAssertEqual(s.segments.map(\.toStep), [100, 200, 300])
        XCTAssertEqual(s.segments.map(\.member), [0, 2, 0])
        XCTAssertEqual(s.segments.map { $0.hyperparameters["learning_rate"]! }, [0.1, 0.12, 0.096])
        XCTAssertEqual(s.hyperparameters(at: 150)["learning_rate"], 0.12)
        XCTAssertEqual(s.hyperparameters(at: 10_000)["learning_rate"], 0.096)
        let one = try HyperparameterSchedule.trace(records, run: "r", member: 1, step: 300)
        XCTAssertEqual(one.segments.count, 1)
        XCTAssertEqual(one.segments[0].toStep, 300)
        XCTAssertThrowsError(try HyperparameterSchedule.trace(Array(records.dropFirst()), run: "r", member: 0, step: 300))

        // The JSON file round-trips and is checked when read.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("schedule-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(s.json.utf8).write(to: url)
        XCTAssertEqual(try HyperparameterSchedule.read(url), s)
        try Data(s.json.replacingOccurrences(of: "learning_rate", with: "learnin_rate").utf8).write(to: url)
        XCTAssertThrowsError(try HyperparameterSchedule.read(url)) { error in
            XCTAssertTrue("\(error)".contains("'learnin_rate' is not a hyperparameter"), "\(error)")
        }
    }
}

/// Inputs `make fuzz` found, and what a user sees instead of a crash.
final class LineageFuzzRegressionTests: XCTestCase {
    /// Found by target `lineage`: a hyperparameter name with a backslash was
    /// written back unescaped, so the rewritten lineage.jsonl no longer
    /// parsed. Lines only name hyperparameters PBT tunes now.
    func testUnknownOrEscapedNamesAreRefused() {
        for line in [#"{"event":"start","generation":0,"step":0,"target":0,"new":{"minibatch_s\\ize":16}}"#,
                     #"{"event":"start","generation":0,"step":0,"target":0,"new":{"nnelgria_rate":0.1}}"#] {
            XCTAssertThrowsError(try LineageRecord(jsonLine: line)) { error in
                XCTAssertTrue("\(error)".contains("is not a hyperparameter PBT changes; accepted: "), "\(error)")
            }
        }
    }

    /// A metrics.csv whose best_member or env_steps is not a whole number
    /// (hand-edited, or a torn write) trapped converting it to Int in
    /// `pbt schedule` and `report`; now it is an error naming the line.
    func testMetricsThatAreNotCountsAreRefusedNamingTheLine() throws {
        let config = """
            name: pbt-files
            algorithm: pbt
            env: CartPole-v1
            generations: 2
            pbt:
              population_size: 2
              hyperparameters: {learning_rate: {scale: log, min: 1e-4, max: 1e-1}}
            ppo: {num_envs: 2, num_steps: 32}
            """
        let header = "generation,fitness_mean,fitness_max,fitness_min,wall_seconds,env_steps,exploits,best_member,"
            + "m0_return,m0_learning_rate,m1_return,m1_learning_rate"
        let dir = URL(fileURLWithPath: "/runs/pbt-files")
        let good = header + "\n1,10,12,8,0.5,128,0,1,8,0.01,12,0.02\n"
        XCTAssertEqual(try PBTRunFiles(directory: dir, configText: config, metricsText: good, lineageText: nil).bestMember, 1)
        for (row, column) in [("1,10,12,8,0.5,128,0,nan,8,0.01,12,0.02", "best_member"),
                              ("1,10,12,8,0.5,128,0,2,8,0.01,12,0.02", "best_member"),
                              ("1,10,12,8,0.5,1e300,0,1,8,0.01,12,0.02", "env_steps")] {
            XCTAssertThrowsError(try PBTRunFiles(directory: dir, configText: config, metricsText: header + "\n" + row + "\n",
                                                 lineageText: nil)) { error in
                XCTAssertTrue("\(error)".hasPrefix("/runs/pbt-files/metrics.csv:2: \(column) is "), "\(error)")
            }
        }
    }
}
