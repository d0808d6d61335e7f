import Environments
import Random
import XCTest
@testable import Walker

final class WalkerCourseTests: XCTestCase {
    typealias C = WalkerConstants
    let hard = WalkerTerrainEncoding(groundRoughness: 3.2, pitGap: [0.8, 2.4], stumpWidth: [1, 2],
                                       stumpHeight: [0.4, 1.2], stumpFloat: [0, 1])

    func testFlatCourseIsTheFlatLineAtTerrainHeight() {
        let course = WalkerCourse(parameters: .flat, seed: 5)
        XCTAssertEqual(course.xs.count, 200)
        XCTAssertEqual(course.xs, (0..<200).map { Double($0) * C.terrainStep })
        XCTAssertTrue(course.ys.allSatisfy { $0 == C.terrainHeight })
        XCTAssertTrue(course.polygons.isEmpty)
        XCTAssertEqual(course, WalkerCourse(parameters: .flat, seed: 6), "nothing random on a flat course")
    }

    func testCourseIsFixedBySeedAndDiffersAcrossSeeds() {
        let a = WalkerCourse(parameters: hard, seed: 11)
        XCTAssertEqual(a, WalkerCourse(parameters: hard, seed: 11))
        for seed: UInt64 in [12, 13, 1 << 40] {
            XCTAssertNotEqual(a, WalkerCourse(parameters: hard, seed: seed))
        }
        // The environment built from it sees the same ground: identical lidar.
        let family = WalkerTerrainFamily()
        var e1 = family.makeEnvironment(hard, terrainSeed: 11), e2 = family.makeEnvironment(hard, terrainSeed: 11)
        let policy: ([Float], Int) -> [Float] = { _, t in [0.5, Float(t % 3) - 1, -0.5, 0.2] }
        XCTAssertEqual(runWalker(&e1, force: 1, steps: 100, policy: policy).observations,
                       runWalker(&e2, force: 1, steps: 100, policy: policy).observations)
    }

    func testStartPadIsFlatAndRoughnessScalesTheGrass() {
        let smooth = WalkerCourse(parameters: WalkerTerrainEncoding(groundRoughness: 0.5), seed: 3)
        let rough = WalkerCourse(parameters: WalkerTerrainEncoding(groundRoughness: 5), seed: 3)
        for course in [smooth, rough] {
            XCTAssertTrue(course.ys[0...C.terrainStartPad].allSatisfy { abs($0 - C.terrainHeight) < 1e-12 })
        }
        func spread(_ c: WalkerCourse) -> Double { c.ys.max()! - c.ys.min()! }
        // Same draws, y ← y + r·v: the rough course's deviations are 10× the smooth one's.
        XCTAssertEqual(spread(rough), 10 * spread(smooth), accuracy: 1e-9)
        XCTAssertGreaterThan(spread(smooth), 0)
    }

    func testPitsAreGapsFourStepsDeepWithWallsOnBothSides() {
        let p = WalkerTerrainEncoding(pitGap: [1.2, 2.0])
        let course = WalkerCourse(parameters: p, seed: 8)
        let pits = course.polygons.filter { $0.kind == .pit }
        XCTAssertGreaterThan(pits.count, 4)
        XCTAssertEqual(pits.count % 2, 0, "a pit has two walls")
        for pair in stride(from: 0, to: pits.count, by: 2) {
            let left = pits[pair].vertices, right = pits[pair + 1].vertices
            let gap = (right[0].x - left[0].x) / C.terrainStep  // 1 + U(low, high)
            XCTAssertGreaterThanOrEqual(gap, 1 + 1.2 - 1e-9)
            XCTAssertLessThanOrEqual(gap, 1 + 2.0 + 1e-9)
            XCTAssertEqual(left[0].y - left[2].y, 4 * C.terrainStep, accuracy: 1e-9, "4 steps deep")
        }
        XCTAssertEqual(course.ys.min()!, C.terrainHeight - 4 * C.terrainStep, accuracy: 1e-9, "ground drops into pits")
        XCTAssertTrue(zip(course.xs, course.xs.dropFirst()).allSatisfy { $0 < $1 }, "the ground line runs left to right")
        XCTAssertTrue(course.polygons.allSatisfy { $0.vertices[0].x >= C.terrainStep * Double(C.terrainStartPad) })
    }

    func testStumpsAndStairsFollowTheirRanges() {
        let stumps = WalkerCourse(parameters: WalkerTerrainEncoding(stumpWidth: [1, 2], stumpHeight: [0.6, 1.0],
                                                                       stumpFloat: [0, 1]), seed: 4)
        let s = stumps.polygons
        XCTAssertGreaterThan(s.count, 4)
        for q in s {
            XCTAssertEqual(q.kind, .stump)
            XCTAssertEqual(q.vertices[1].x - q.vertices[0].x, C.terrainStep, accuracy: 1e-12, "randint(1, 2) = 1 step wide")
            let h = (q.vertices[2].y - q.vertices[1].y) / C.terrainStep
            XCTAssertTrue(h >= 0.6 && h <= 1.0, "height \(h)")
        }
        let stairs = WalkerCourse(parameters: WalkerTerrainEncoding(stairHeight: [0.4, 0.8], stairWidth: [4, 5],
                                                                       stairSteps: [2, 3]), seed: 4)
        XCTAssertFalse(stairs.polygons.isEmpty)
        XCTAssertTrue(stairs.polygons.allSatisfy { $0.kind == .stair })
        // With every kind on, all three appear somewhere along 20 courses.
        let all = WalkerTerrainEncoding(pitGap: [0, 0.8], stumpWidth: [1, 2], stumpHeight: [0, 0.4], stumpFloat: [0, 1],
                                          stairHeight: [0, 0.4], stairWidth: [4, 5], stairSteps: [1, 2])
        let kinds = Set((0..<20).flatMap { WalkerCourse(parameters: all, seed: UInt64($0)).polygons.map(\.kind) })
        XCTAssertEqual(kinds, [.pit, .stump, .stair])
    }

    func testDegenerateObstaclesBuildAWorld() {
        // Stumps of height ≈ 0 would be degenerate Box2D polygons; the shim skips them.
        let flatStumps = WalkerTerrainEncoding(stumpWidth: [1, 2], stumpHeight: [0, 0], stumpFloat: [0, 1])
        var env = WalkerTerrainFamily().makeEnvironment(flatStumps, terrainSeed: 1)
        let e = runWalker(&env, force: 0, steps: 20) { _, _ in [0, 0, 0, 0] }
        XCTAssertTrue(e.observations.allSatisfy { $0.allSatisfy(\.isFinite) })
    }
}
