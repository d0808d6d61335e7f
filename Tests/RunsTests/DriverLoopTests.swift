import Checkpoint
import Config
import Foundation
import XCTest
@testable import Runs

/// The driver loop every run kind runs under, on a fake run kind: budget,
/// metrics rows, checkpoints and their retention, a stop between
/// generations, side files, and an exact resume from any checkpoint.
final class DriverLoopTests: XCTestCase {
    func configuration(generations: Int = 6) -> FakeConfiguration {
        var c = FakeConfiguration()
        c.generations = generations
        c.checkpointEvery = 2
        c.keepCheckpoints = 2
        c.seed = 11
        return c
    }

    func start(_ c: FakeConfiguration, in scratch: ScratchDirectory, threads: Int = 2) throws -> RunDriver<FakeRun> {
        let yaml = try ConfigWriter.yaml(c)
        let directory = try RunDirectory.create(name: c.name, under: scratch.url, config: yaml)
        return try RunDriver(starting: FakeRun(configuration: c, threads: threads), configText: yaml, directory: directory)
    }

    func testRunsToTheBudgetWithRowsCheckpointsAndSideFile() throws {
        let scratch = ScratchDirectory()
        let driver = try start(configuration(), in: scratch)
        var seen: [Int] = []
        XCTAssertEqual(try driver.run(observer: { seen.append($0.generation) }), .completed)
        XCTAssertEqual(seen, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(driver.table.rows.count, 6)
        XCTAssertEqual(driver.table.rows.map { Int($0[0]) }, [0, 1, 2, 3, 4, 5])
        XCTAssertTrue(driver.table.rows.allSatisfy { $0[3] > 0 }, "the driver fills wall_seconds")
        let csv = try String(contentsOf: driver.directory.metricsURL, encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 7)
        // Every 2 generations and at the end; the newest K = 2 kept.
        XCTAssertEqual(try driver.directory.checkpoints().list().map(\.generation), [4, 6])
        let walk = try String(contentsOf: driver.directory.root.appendingPathComponent("walk.txt"), encoding: .utf8)
        XCTAssertEqual(walk.split(separator: "\n").count, 6)
    }

    func testAStopBetweenGenerationsWritesACheckpointFirst() throws {
        let scratch = ScratchDirectory()
        let driver = try start(configuration(), in: scratch)
        var calls = 0
        XCTAssertEqual(try driver.run(shouldStop: { calls += 1; return calls > 3 }), .interrupted)
        XCTAssertEqual(driver.run.generation, 3)
        XCTAssertEqual(try driver.directory.checkpoints().list().last?.generation, 3)
    }

    /// A run killed after generation 5 (its newest checkpoint at 4) resumes
    /// from 4: rows, side-file lines and checkpoints written after it are
    /// replaced, and it ends bit for bit where a straight run ends.
    func testResumeFromAnEarlierCheckpointEndsWhereAStraightRunEnds() throws {
        let straightDir = ScratchDirectory(), killedDir = ScratchDirectory()
        let straight = try start(configuration(), in: straightDir, threads: 1)
        try straight.run()

        let killed = try start(configuration(), in: killedDir, threads: 3)
        var calls = 0
        _ = try killed.run(shouldStop: { calls += 1; return calls > 5 })  // stops at 5, checkpoint 5 written
        let newer = killed.directory.checkpointsURL.appendingPathComponent(CheckpointStore.fileName(generation: 5))
        XCTAssertTrue(FileManager.default.fileExists(atPath: newer.path))

        let file = killed.directory.checkpointsURL.appendingPathComponent(CheckpointStore.fileName(generation: 4))
        let saved = try SavedCheckpoint.locate(file.path, policy: .newest)
        let restored = try SavedRun<FakeRun>(saved, backend: LocalBackend(threads: 2))
        XCTAssertEqual(restored.run.generation, 4)
        let resumed = try RunDriver(resuming: saved.checkpoint, run: restored.run, configText: try saved.configText(),
                                    directory: saved.directory)
        XCTAssertEqual(resumed.table.rows.count, 4, "rows after the checkpoint are dropped")
        XCTAssertTrue(FileManager.default.fileExists(atPath: newer.path + ".superseded"), "the abandoned future is set aside")
        let walk = try String(contentsOf: killed.directory.root.appendingPathComponent("walk.txt"), encoding: .utf8)
        XCTAssertEqual(walk.split(separator: "\n").count, 4, "the side file is rewritten to the checkpoint")
        try resumed.run()
        XCTAssertEqual(resumed.run.stateDigest, straight.run.stateDigest)
        func withoutWall(_ rows: [[Double]]) -> [[Double]] { rows.map { r in r.enumerated().map { $0.offset == 3 ? 0 : $0.element } } }
        XCTAssertEqual(withoutWall(resumed.table.rows), withoutWall(straight.table.rows))
        XCTAssertEqual(try String(contentsOf: killed.directory.root.appendingPathComponent("walk.txt"), encoding: .utf8),
                       try String(contentsOf: straight.directory.root.appendingPathComponent("walk.txt"), encoding: .utf8))
    }

    func testACheckpointOfAnotherKindOrShapeIsRefused() throws {
        let scratch = ScratchDirectory()
        let driver = try start(configuration(), in: scratch)
        try driver.run()
        var foreign = driver.checkpoint()
        foreign.kind = "other"
        let run = try FakeRun(configuration: configuration(), restoring: driver.checkpoint(), threads: 1)
        XCTAssertThrowsError(try RunDriver(resuming: foreign, run: run, configText: "", directory: driver.directory)) {
            XCTAssertTrue("\($0)".contains("other"), "\($0)")
        }
        let other = driver.directory.checkpointsURL.appendingPathComponent(CheckpointStore.fileName(generation: 7))
        try AtomicFile.write(foreign.encoded(), to: other)
        XCTAssertThrowsError(try SavedRun<FakeRun>(SavedCheckpoint.locate(other.path, policy: .newest))) {
            XCTAssertEqual("\($0)", "\(other.path): a 'other' run; this command reads 'fake' runs")
        }
    }

    /// Start and resume through the lifecycle, from YAML: the header written
    /// once, the sections' defaults, their validation with the key's line.
    func testLifecycleFromYAMLAndTheSharedHeader() throws {
        let scratch = ScratchDirectory()
        let yaml = "name: walk\nalgorithm: es\nenv: anywhere\ngenerations: 3\nmembers: 4\n"
        var settings = RunSettings(threads: 2, populations: scratch.url, quiet: true)
        try RunLifecycle<FakeRun>.evolve(try ConfigDocument(yaml: yaml, file: "walk.yaml"), settings)
        let saved = try SavedCheckpoint.locate(scratch.url.appendingPathComponent("walk").path, policy: .newest)
        XCTAssertEqual(saved.checkpoint.generation, 3)
        let config = try SavedRun<FakeRun>.configuration(of: saved.checkpoint)
        XCTAssertEqual(config.checkpointEvery, 2, "the run kind's header default")
        XCTAssertEqual(config.members, 4)
        settings.generations = 5
        try RunLifecycle<FakeRun>.resume(saved, settings)
        XCTAssertEqual(try SavedCheckpoint.locate(saved.directory.root.path, policy: .newest).checkpoint.generation, 5)
        let lines = try RunLifecycle<FakeRun>.inspect(try SavedCheckpoint.locate(saved.directory.root.path, policy: .newestIntact))
        XCTAssertEqual(lines.first { $0.label == "generation" }?.value, "5 of 5")

        XCTAssertThrowsError(try ConfigDocument(yaml: yaml.replacingOccurrences(of: "members: 4", with: "members: 0"),
                                                file: "walk.yaml").decode(FakeConfiguration.self)) {
            XCTAssertEqual("\($0)", "walk.yaml:5: members: 0 is out of range; accepted: 1 ≤ members ≤ 100")
        }
        XCTAssertThrowsError(try ConfigDocument(yaml: yaml.replacingOccurrences(of: "generations: 3", with: "generations: 0"),
                                                file: "walk.yaml").decode(FakeConfiguration.self)) {
            XCTAssertTrue("\($0)".hasPrefix("walk.yaml:4: generations: 0 is out of range"), "\($0)")
        }
        XCTAssertThrowsError(try ConfigDocument(yaml: yaml + "membres: 3\n", file: "walk.yaml").decode(FakeConfiguration.self)) {
            XCTAssertTrue("\($0)".contains("did you mean 'members'"), "\($0)")
        }
        XCTAssertThrowsError(try RunLifecycle<FakeRun>.resume(saved, { var s = settings; s.generations = 2; return s }())) {
            XCTAssertTrue($0 is RunError)
        }
    }
}
