import Checkpoint
import XCTest
@testable import POET

/// Bitwise identity across thread counts and across checkpoint and restore.
final class DeterminismTests: XCTestCase {
    let overrides = ["generations=9", "es.population_size=8", "poet.eval_episodes=1", "poet.reproduction_interval=3",
                     "poet.transfer_interval=2", "poet.reproduction_threshold=-1e9", "poet.mc_low=-1e9"]

    func run(_ run: inout POETRun, to iterations: Int) throws -> [[Double]] {
        var rows: [[Double]] = []
        while run.generation < iterations { rows.append(try run.runGeneration().values) }
        return rows
    }

    func testOneThreadTwoThreadsAndAResumeEndBitwiseEqual() throws {
        let c = try Fixture.config("poet-quick.yaml", overrides)
        var straight = try POETRun(configuration: c, threads: 1)
        let straightRows = try run(&straight, to: 9)
        XCTAssertGreaterThan(straight.nextID, 2, "the test should create environments")
        XCTAssertGreaterThan(straight.totals.transfers + straight.archive.count, 0)

        var first = try POETRun(configuration: c, threads: 3)
        var rows = try run(&first, to: 5)
        var checkpoint = Checkpoint(kind: POETRun.kind, generation: first.generation)
        first.save(into: &checkpoint)
        var resumed = try POETRun(configuration: c, restoring: checkpoint, threads: 2)
        XCTAssertEqual(resumed.stateDigest, first.stateDigest)
        rows += try run(&resumed, to: 9)

        XCTAssertEqual(resumed.stateDigest, straight.stateDigest)
        XCTAssertEqual(resumed.encodedState, straight.encodedState)
        XCTAssertEqual(resumed.events, straight.events)
        XCTAssertEqual(rows.map { $0.map(\.bitPattern) }, straightRows.map { $0.map(\.bitPattern) })
    }

    func testPATAECNoveltyAndPassingProposalsAreThreadInvariant() throws {
        let c = try Fixture.config("poet-quick.yaml", overrides + ["poet.novelty=pata-ec", "poet.proposal_transfer=passing",
                                                                  "generations=7"])
        var one = try POETRun(configuration: c, threads: 1)
        var three = try POETRun(configuration: c, threads: 3)
        let a = try run(&one, to: 7), b = try run(&three, to: 7)
        XCTAssertGreaterThan(one.nextID, 2)
        XCTAssertEqual(one.stateDigest, three.stateDigest)
        XCTAssertEqual(a.map { $0.map(\.bitPattern) }, b.map { $0.map(\.bitPattern) })
        XCTAssertTrue(one.events.contains { $0.contains("\"event\":\"reproduction\"") && $0.contains("\"novelty\":") })
    }

    func testADamagedStateSectionIsRefusedNamingTheFile() throws {
        let c = try Fixture.config("poet-quick.yaml", overrides)
        var run = try POETRun(configuration: c, threads: 1)
        _ = try run.runGeneration()
        var checkpoint = Checkpoint(kind: POETRun.kind, generation: 1)
        run.save(into: &checkpoint)
        checkpoint.source = "gen-00000001.ckpt"
        checkpoint[POETRun.stateSection] = Array(checkpoint[POETRun.stateSection]!.dropLast(9))
        XCTAssertThrowsError(try POETRun(configuration: c, restoring: checkpoint, threads: 1)) { error in
            XCTAssertTrue("\(error)".contains("gen-00000001.ckpt"), "\(error)")
        }
        checkpoint[POETRun.stateSection] = nil
        XCTAssertThrowsError(try POETRun(configuration: c, restoring: checkpoint, threads: 1))
    }
}
