import Checkpoint
import Environments
import XCTest
@testable import POET

/// The loop on the Box2D walker, cut to a few steps per episode, and the drawings.
final class WalkerLoopTests: XCTestCase {
    func testTheLoopRunsOnTheWalkerAndResumesBitwise() throws {
        let c = try Fixture.config("poet-walker.yaml", [
            "es.population_size=4", "poet.eval_episodes=1", "poet.max_steps=40", "generations=4",
            "poet.reproduction_interval=2", "poet.transfer_interval=1", "poet.reproduction_threshold=-1e9", "poet.mc_low=-1e9",
        ])
        var run = try POETRun(configuration: c, threads: 2)
        XCTAssertEqual(run.rollout.network.sizes, [24, 40, 40, 4], "POET's walker policy")
        for _ in 0..<4 { _ = try run.runGeneration() }
        XCTAssertGreaterThan(run.nextID, 1, "a child was admitted at iteration 2")
        XCTAssertGreaterThan(run.totals.envSteps, 0)
        var checkpoint = Checkpoint(kind: POETRun.kind, generation: run.generation)
        run.save(into: &checkpoint)
        let restored = try POETRun(configuration: c, restoring: checkpoint, threads: 1)
        XCTAssertEqual(restored.stateDigest, run.stateDigest)

        // The child's drawing: the ground line, its obstacles, the hull's path and stick figures.
        let child = try XCTUnwrap(run.pairs.last)
        let (drawing, outcome) = try run.drawing(of: child, trace: true)
        XCTAssertEqual(drawing.ground.first?.count, 200, "POET's 200-point ground line")
        XCTAssertEqual(drawing.path.count, (outcome?.steps ?? -1) + 1, "the start and every step")
        XCTAssertEqual(drawing.figures.first?.count, 5, "hull and four leg segments")
        // Figures are spaced by the hull's progress (the last one is the final pose).
        let hullXs = drawing.figures.map { ($0[0].from.x + $0[0].to.x) / 2 }
        XCTAssertEqual(try XCTUnwrap(hullXs.first), drawing.path[0].x, accuracy: 1e-5, "the first figure is the start")
        for (a, b) in zip(hullXs.dropLast(), hullXs.dropLast().dropFirst()) {
            XCTAssertGreaterThanOrEqual(abs(b - a), 4 - 1e-5)
        }
        XCTAssertEqual(try XCTUnwrap(hullXs.last), try XCTUnwrap(drawing.path.last).x, accuracy: 1e-5, "the last figure is the end")
        XCTAssertTrue(drawing.svg.hasPrefix("<svg"))
    }

    func testThePointCourseDrawingFollowsTheMass() throws {
        let run = try POETRun(configuration: try Fixture.config("poet-quick.yaml", ["poet.start_encoding={pit_gap: [1, 2], wall_height: [0.4, 0.8]}"]),
                              threads: 1)
        let (drawing, outcome) = try run.drawing(of: run.pairs[0], trace: true)
        XCTAssertEqual(drawing.path.count, try XCTUnwrap(outcome).steps + 1)
        XCTAssertFalse(drawing.solids.isEmpty, "pits and walls")
        XCTAssertGreaterThan(drawing.ground.count, 1, "pits break the ground line")
    }
}
