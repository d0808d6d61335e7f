import Agents
import Checkpoint
import Foundation
import Runs
import XCTest
@testable import PBT

final class PBTRunTests: XCTestCase {
    /// After a synchronous generation every exploit target holds exactly the
    /// source's θ, Adam state and hyperparameters (the searched ones set to
    /// the explored values), and still its own curve, steps and streams.
    func testExploitCopiesWeightsOptimizerStateAndHyperparametersExactly() throws {
        var run = try PBTRun(configuration: try tinyConfiguration(), threads: 2)
        var exploited = 0
        for _ in 0..<3 {
            let before = run.members.map { $0.agent.state }
            _ = try run.runGeneration()
            for r in run.lineage where r.event == .exploit && r.generation == run.generation {
                exploited += 1
                let target = run.members[r.target].agent, source = run.members[r.source!].agent
                let t = target.learningState, s = source.learningState
                XCTAssertEqual(t.parameters.map(\.bitPattern), s.parameters.map(\.bitPattern))
                XCTAssertEqual(t.optimizer.step, s.optimizer.step)
                XCTAssertEqual(t.optimizer.slots.map(\.bitPattern), s.optimizer.slots.map(\.bitPattern))
                var expected = s.hyperparameters
                run.space.apply(run.members[r.target].point, to: &expected)
                XCTAssertEqual(t.hyperparameters, expected)
                XCTAssertEqual(run.named(run.members[r.target].point), r.new)
                XCTAssertTrue(run.space.contains(run.members[r.target].point))
                // What the member keeps: its curve, counters, environments and streams.
                let old = before[r.target]
                XCTAssertEqual(Array(target.curve.episodes.prefix(old.curve.episodes.count)), old.curve.episodes)
                XCTAssertNotEqual(target.state.actionStream, source.state.actionStream)
                XCTAssertEqual(target.steps, source.steps)
                XCTAssertEqual(r.sourceStep, r.step)
            }
        }
        XCTAssertGreaterThan(exploited, 0, "truncation at 50% of 4 must exploit")
    }

    /// Synchronous runs are bitwise identical for 1 and 2 threads, and a run
    /// checkpointed after every generation and restored each time ends where
    /// the straight run ends (state digest, metrics and lineage).
    func testSynchronousRunsAreReproducibleAndResumable() throws {
        for exploit in [ExploitKind.truncation, .tournament] {
            let config = try tinyConfiguration(exploit: exploit)
            var straight = try PBTRun(configuration: config, threads: 1)
            var parallel = try PBTRun(configuration: config, threads: 2)
            var resumed = try PBTRun(configuration: config, threads: 2)
            var rows: [[[Double]]] = [[], [], []]
            for _ in 0..<config.generations {
                rows[0].append(try straight.runGeneration().values)
                rows[1].append(try parallel.runGeneration().values)
                resumed = try roundTrip(resumed, threads: 2)
                rows[2].append(try resumed.runGeneration().values)
            }
            let columns = straight.metricsColumns
            XCTAssertEqual(deterministicColumns(rows[0], columns), deterministicColumns(rows[1], columns))
            XCTAssertEqual(deterministicColumns(rows[0], columns), deterministicColumns(rows[2], columns))
            XCTAssertEqual(straight.stateDigest, parallel.stateDigest)
            XCTAssertEqual(straight.stateDigest, resumed.stateDigest)
            XCTAssertEqual(straight.lineage, resumed.lineage)
            XCTAssertEqual(straight.bestFitness, resumed.bestFitness)
            // The runs did something: members learned and changed.
            XCTAssertEqual(straight.members[0].agent.steps, config.generations * 256)
            XCTAssertFalse(straight.members.allSatisfy { $0.score.isNaN })
            XCTAssertGreaterThan(straight.lineage.count, config.pbt.populationSize, "\(exploit): no exploit happened")
            // Another seed gives another run.
            var other = config
            other.seed = 4
            var different = try PBTRun(configuration: other, threads: 2)
            _ = try different.runGeneration()
            XCTAssertNotEqual(different.members[0].point, straight.members[0].point)
        }
    }

    func testMetricsColumnsAndRows() throws {
        var run = try PBTRun(configuration: try tinyConfiguration(), threads: 2)
        let columns = run.metricsColumns
        XCTAssertEqual(Array(columns.prefix(10)), ["generation", "fitness_mean", "fitness_max", "fitness_min", "wall_seconds",
                                                   "env_steps", "exploits", "best_member", "m0_return", "m0_learning_rate"])
        XCTAssertEqual(columns.count, 8 + 4 * 6)
        let points = run.members.map(\.point)
        let metrics = try run.runGeneration()
        let row = metrics.values
        XCTAssertEqual(row.count, columns.count)
        XCTAssertEqual(metrics.envSteps, 4 * 256)
        XCTAssertEqual(metrics.bestMember, ExploitRule.ranking(run.members.map(\.score))[0])
        XCTAssertEqual(row[0], 0)
        XCTAssertEqual(row[5], Double(4 * 256))
        let scores = run.members.map(\.score)
        XCTAssertEqual(row[2], scores.max())
        XCTAssertEqual(row[8].bitPattern, scores[0].bitPattern)
        XCTAssertEqual(Array(row[9..<14]), points[0], "the hyperparameters the generation trained with")
        XCTAssertEqual(row[6], Double(run.lineage.filter { $0.event == .exploit }.count))
        XCTAssertEqual(Int(row[7]), ExploitRule.ranking(scores)[0])
    }

    /// Asynchronous mode: members decide on a board; with one thread the
    /// order is fixed, so runs repeat; the board survives a checkpoint.
    func testAsynchronousRunsExploitAndCheckpointTheirBoard() throws {
        let config = try tinyConfiguration(mode: .asynchronous)
        var a = try PBTRun(configuration: config, threads: 1)
        var b = try PBTRun(configuration: config, threads: 1)
        for g in 0..<config.generations {
            _ = try a.runGeneration()
            if g == 1 { b = try roundTrip(b, threads: 1) }
            _ = try b.runGeneration()
        }
        XCTAssertEqual(a.stateDigest, b.stateDigest)
        XCTAssertEqual(a.board?.count, 4)
        XCTAssertGreaterThan(a.lineage.filter { $0.event == .exploit }.count, 0)
        for r in a.lineage where r.event == .exploit {
            XCTAssertNotEqual(r.source, r.target)
            XCTAssertLessThanOrEqual(r.sourceStep!, r.step)
        }
        // Two threads: a valid run (scores, bounds) whatever the timing.
        var c = try PBTRun(configuration: config, threads: 2)
        for _ in 0..<config.generations { _ = try c.runGeneration() }
        XCTAssertTrue(c.members.allSatisfy { c.space.contains($0.point) && $0.agent.steps == 4 * 256 })
    }

    /// lineage.jsonl: written at attach, appended every generation, and
    /// rewritten to the checkpoint's records on resume.
    func testLineageFileFollowsTheCheckpoint() throws {
        let dir = try temporaryDirectory("lineage-run")
        defer { try? FileManager.default.removeItem(at: dir) }
        let directory = RunDirectory(root: dir)
        var run = try PBTRun(configuration: try tinyConfiguration(), threads: 2)
        try run.attach(to: directory)
        let log = LineageLog(directory: dir)
        XCTAssertEqual(try log.read().count, 4)
        _ = try run.runGeneration()
        var checkpoint = Checkpoint(kind: PBTRun.kind, generation: run.generation)
        run.save(into: &checkpoint)
        let atCheckpoint = run.lineage
        _ = try run.runGeneration()
        _ = try run.runGeneration()
        XCTAssertEqual(try log.read(), run.lineage)
        XCTAssertGreaterThan(run.lineage.count, atCheckpoint.count)
        // Killed here; resumed from the generation-1 checkpoint.
        var resumed = try PBTRun(configuration: run.configuration, restoring: checkpoint, threads: 2)
        try resumed.attach(to: directory)
        XCTAssertEqual(try log.read(), atCheckpoint)
        _ = try resumed.runGeneration()
        _ = try resumed.runGeneration()
        XCTAssertEqual(try log.read(), run.lineage)
    }

    func testRestoreRefusesACheckpointOfAnotherShape() throws {
        var run = try PBTRun(configuration: try tinyConfiguration(), threads: 1)
        _ = try run.runGeneration()
        var c = Checkpoint(kind: PBTRun.kind, generation: run.generation)
        run.save(into: &c)
        c.source = "gen-1.ckpt"
        var bigger = run.configuration
        bigger.pbt.populationSize = 5
        XCTAssertThrowsError(try PBTRun(configuration: bigger, restoring: c, threads: 1)) { error in
            XCTAssertTrue("\(error)".hasPrefix("gen-1.ckpt: malformed: it holds 4 members"), "\(error)")
        }
        c[PBTRun.agentsSection] = Array(c[PBTRun.agentsSection]!.dropLast(3))
        XCTAssertThrowsError(try PBTRun(configuration: run.configuration, restoring: c, threads: 1)) { error in
            XCTAssertTrue("\(error)".contains("malformed"), "\(error)")
        }
    }
}
