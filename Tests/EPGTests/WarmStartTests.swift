import Checkpoint
import Config
@testable import EPG
import Foundation
import Runs
import XCTest

/// `outer.warm_start`: φ₀ is an earlier run's μ, and every way the path can
/// be wrong is a config error at that key, never a crash.
final class WarmStartTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("warm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `generations` of the tiny config and saves a checkpoint of it under `run/checkpoints/`.
    private func savedRun(_ c: EPGConfiguration, generations: Int) throws -> (EPGRun, URL) {
        var run = try EPGRun(configuration: c, threads: 2)
        for _ in 0..<generations { _ = try run.runGeneration() }
        let run_ = try RunDirectory.create(name: c.name, under: directory, config: try ConfigWriter.yaml(c))
        let root = run_.root
        let store = try run_.checkpoints()
        var checkpoint = Checkpoint(kind: EPGRun.kind, generation: run.generation)
        run.save(into: &checkpoint)
        _ = try store.write(checkpoint)
        return (run, root)
    }

    func testWarmStartTakesTheEarlierRunsMean() throws {
        let source = OuterLoopTests.tinyConfiguration()
        let (earlier, root) = try savedRun(source, generations: 2)
        var c = source
        c.name = "warm"
        c.seed = 99
        c.outer.warmStart = root.path
        let warm = try EPGRun(configuration: c, threads: 1)
        XCTAssertEqual(warm.strategy.mean, earlier.strategy.mean)
        XCTAssertEqual(warm.generation, 0)
        // Without it the same config starts elsewhere; a checkpoint file works as well as its directory.
        c.outer.warmStart = nil
        XCTAssertNotEqual(try EPGRun(configuration: c, threads: 1).strategy.mean, earlier.strategy.mean)
        let file = try XCTUnwrap(CheckpointStore.latestIntact(in: root.appendingPathComponent("checkpoints")).url)
        c.outer.warmStart = file.path
        XCTAssertEqual(try EPGRun(configuration: c, threads: 1).strategy.mean, earlier.strategy.mean)
    }

    func testWrongPathsAreConfigErrorsAtTheKey() throws {
        var c = OuterLoopTests.tinyConfiguration()
        c.outer.warmStart = directory.appendingPathComponent("missing").path
        assertRefused(c, mentioning: "no such run directory or checkpoint file")

        c.outer.warmStart = directory.path                      // a directory that is not a run
        assertRefused(c, mentioning: "is not a Populus run")

        // A loss network of another shape.
        var other = OuterLoopTests.tinyConfiguration()
        other.name = "other"
        other.lossNetwork.headHidden += 4
        let (_, root) = try savedRun(other, generations: 0)
        c.outer.warmStart = root.path
        assertRefused(c, mentioning: "the loss_network or objective sections differ")
    }

    func testAnEmptyPathIsRefusedByValidation() throws {
        let text = "name: x\nalgorithm: epg\nenv: point-goal\nouter:\n  warm_start: ''\n"
        XCTAssertThrowsError(try ConfigDocument(yaml: text, file: "x.yaml").decode(EPGConfiguration.self)) { error in
            let e = error as? ConfigError
            XCTAssertEqual(e?.keyPath, "outer.warm_start")
            XCTAssertEqual(e?.line, 5)
        }
    }

    private func assertRefused(_ c: EPGConfiguration, mentioning text: String, line: UInt = #line) {
        XCTAssertThrowsError(try EPGRun(configuration: c, threads: 1), line: line) { error in
            guard let e = error as? ConfigError else { return XCTFail("\(error) is not a ConfigError", line: line) }
            XCTAssertEqual(e.keyPath, "outer.warm_start", line: line)
            XCTAssertTrue(e.message.contains(text), "\(e.message)", line: line)
        }
    }
}
