import Checkpoint
import Config
import Evolution
import Foundation
import ES
import Policies
import Runs
import XCTest

/// The resume contract in-process: a run stopped after k generations,
/// written to bytes, read back and continued (with another thread count)
/// ends bit for bit where a straight run ends — state and metrics.
final class ResumeTests: XCTestCase {
    func testStopReloadContinueIsBitwiseEqualAcrossThreadCounts() throws {
        let config = try Support.tiny(generations: 7)
        var straight = try ESRun(configuration: config, threads: 1)
        var straightRows: [[Double]] = []
        for _ in 0..<7 { straightRows.append(try straight.runGeneration().values) }

        for k in [0, 1, 4] {
            var first = try ESRun(configuration: config, threads: 2)
            var rows: [[Double]] = []
            for _ in 0..<k { rows.append(try first.runGeneration().values) }
            var checkpoint = Checkpoint(kind: ESRun.kind, generation: first.generation)
            first.save(into: &checkpoint)
            let reread = try Checkpoint(decoding: checkpoint.encoded(), file: "memory")
            var second = try ESRun(configuration: config, restoring: reread, threads: 3)
            XCTAssertEqual(second.generation, k)
            while second.generation < 7 { rows.append(try second.runGeneration().values) }
            XCTAssertEqual(second.strategy.state.encoded, straight.strategy.state.encoded, "stopped after \(k)")
            XCTAssertEqual(second.stateDigest, straight.stateDigest)
            XCTAssertEqual(Support.withoutWall(rows, columns: straight.metricsColumns),
                           Support.withoutWall(straightRows, columns: straight.metricsColumns))
        }
    }

    func testDriverResumeFromDiskDropsRowsOfTheLostGenerations() throws {
        let scratch = try Support.scratch("driver-resume")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let config = try Support.tiny(name: "straight", generations: 9)
        let yaml = try ConfigWriter.yaml(config)

        let straightDir = try RunDirectory.create(name: "straight", under: scratch, config: yaml)
        let straight = try RunDriver(starting: try ESRun(configuration: config, threads: 1),
                                     configText: yaml, directory: straightDir)
        XCTAssertEqual(try straight.run(), .completed)

        // A run that got to generation 5 (checkpoints at 0, 2, 4, and 5 at its end) …
        var short = config
        short.generations = 5
        let dir = try RunDirectory.create(name: "killed", under: scratch, config: try ConfigWriter.yaml(short))
        let first = try RunDriver(starting: try ESRun(configuration: short, threads: 2),
                                  configText: try ConfigWriter.yaml(short), directory: dir)
        try first.run()
        XCTAssertEqual(first.store.list().map(\.generation), [4, 5], "keep_checkpoints: 2")
        // … then "lost" generation 5: its checkpoint never made it, its row did.
        try FileManager.default.removeItem(at: first.store.list().last!.url)
        let handle = try FileHandle(forWritingTo: dir.metricsURL)
        handle.seekToEndOfFile()
        handle.write(Data("5,999,999,999,0.1,0,1,0,0,999,0,0,0,0\n".utf8))
        try handle.close()

        let search = CheckpointStore.latestIntact(in: dir.checkpointsURL, kind: ESRun.kind)
        let checkpoint = try XCTUnwrap(search.checkpoint)
        XCTAssertEqual(checkpoint.generation, 4)
        let resumed = try RunDriver(resuming: checkpoint,
                                    run: try ESRun(configuration: config, restoring: checkpoint, threads: 2),
                                    configText: yaml, directory: dir)
        XCTAssertEqual(try resumed.run(), .completed)
        XCTAssertEqual(resumed.run.stateDigest, straight.run.stateDigest)
        XCTAssertEqual(resumed.run.strategy.state.encoded, straight.run.strategy.state.encoded)

        let columns = straight.run.metricsColumns
        XCTAssertEqual(Support.withoutWall(resumed.table.rows, columns: columns),
                       Support.withoutWall(straight.table.rows, columns: columns))
        let csv = try String(contentsOf: dir.metricsURL, encoding: .utf8)
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.count, 1 + 9, csv)
        XCTAssertEqual(lines.dropFirst().map { Int($0.split(separator: ",")[0])! }, Array(0..<9))
        let wall = columns.firstIndex(of: "wall_seconds")!
        let walls = resumed.table.rows.map { $0[wall] }
        XCTAssertEqual(walls, walls.sorted(), "wall_seconds is cumulative across the resume")
        XCTAssertGreaterThan(walls[4], 0)
        XCTAssertEqual(try String(contentsOf: dir.configURL, encoding: .utf8), yaml, "the raised budget is in config.yaml")
    }

    func testStopRequestWritesACheckpointAndResumesExactly() throws {
        let scratch = try Support.scratch("driver-stop")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let config = try Support.tiny(name: "stopped", generations: 6)
        let yaml = try ConfigWriter.yaml(config)
        let dir = try RunDirectory.create(name: "stopped", under: scratch, config: yaml)
        let driver = try RunDriver(starting: try ESRun(configuration: config, threads: 2),
                                   configText: yaml, directory: dir)
        var seen = 0
        XCTAssertEqual(try driver.run(shouldStop: { seen == 3 }, observer: { _ in seen += 1 }), .interrupted)
        XCTAssertEqual(driver.store.list().last?.generation, 3, "a checkpoint at the stop")
        let checkpoint = try CheckpointStore.load(driver.store.list().last!.url, kind: "es")
        let resumed = try RunDriver(resuming: checkpoint,
                                    run: try ESRun(configuration: config, restoring: checkpoint, threads: 1),
                                    configText: yaml, directory: dir)
        try resumed.run()
        var straight = try ESRun(configuration: config, threads: 1)
        for _ in 0..<6 { _ = try straight.runGeneration() }
        XCTAssertEqual(resumed.run.stateDigest, straight.stateDigest)
    }

    func testForeignOrMismatchedStateIsRefusedNamingTheFile() throws {
        let config = try Support.tiny()
        var other = config
        other.policy.hiddenSizes = [4]
        var run = try ESRun(configuration: other, threads: 1)
        _ = try run.runGeneration()
        var checkpoint = Checkpoint(kind: "es", generation: 1)
        run.save(into: &checkpoint)
        checkpoint.source = "/tmp/x/gen-00000001.ckpt"
        XCTAssertThrowsError(try ESRun(configuration: config, restoring: checkpoint, threads: 1)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("/tmp/x/gen-00000001.ckpt: malformed: strategy section"), text)
            XCTAssertTrue(text.contains("parameters"), text)
        }
        checkpoint[Checkpoint.strategy] = Array(checkpoint[Checkpoint.strategy]!.dropLast(3))
        XCTAssertThrowsError(try ESRun(configuration: other, restoring: checkpoint, threads: 1)) { error in
            XCTAssertTrue("\(error)".contains("malformed"), "\(error)")
        }
    }
}
