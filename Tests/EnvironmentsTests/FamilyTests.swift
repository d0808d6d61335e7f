import Foundation
import Random
import XCTest
@testable import Environments

final class FamilyTests: XCTestCase {
    func testRandomizedClassicControlRangesAndOOD() throws {
        let cart = CartPoleFamily.randomized, r = cart.ranges!
        for split in [TaskSplit.train, .test] {
            for p in try cart.tasks(seed: 1, split: split, count: 200) {
                XCTAssertTrue(r.poleHalfLength.train.contains(p.poleHalfLength))
                XCTAssertTrue(r.poleMass.train.contains(p.poleMass))
                XCTAssertTrue(r.cartMass.train.contains(p.cartMass))
                XCTAssertTrue(r.forceMagnitude.train.contains(p.forceMagnitude))
                XCTAssertEqual(p.gravity, 9.8)
            }
        }
        var below = 0, above = 0
        for p in try cart.tasks(seed: 1, split: .ood, count: 400) {
            for (v, range) in [(p.poleHalfLength, r.poleHalfLength), (p.poleMass, r.poleMass),
                               (p.cartMass, r.cartMass), (p.forceMagnitude, r.forceMagnitude)] {
                XCTAssertFalse(range.train.lowerBound < v && v < range.train.upperBound, "\(v) inside \(range)")
                XCTAssertTrue(range.ood.contains { $0.contains(v) })
            }
            if p.forceMagnitude < 5 { below += 1 } else { above += 1 }
        }
        XCTAssertGreaterThan(below, 100)  // both sides are drawn (widths 4 and 5)
        XCTAssertGreaterThan(above, 100)

        for p in try PendulumFamily.randomized.tasks(seed: 2, split: .ood, count: 100) {
            XCTAssertTrue(p.gravity < 8 || p.gravity > 12)
            XCTAssertTrue(p.mass <= 0.5 || p.mass >= 1.5)
        }
        for p in try MountainCarFamily.randomized.tasks(seed: 2, split: .train, count: 100) {
            XCTAssertTrue((0.0008...0.0012).contains(p.force))
        }
    }

    func testFixedFamiliesGiveGymnasiumsTask() throws {
        XCTAssertEqual(try CartPoleFamily.gymnasium.task(seed: 9, split: .test, index: 4), .gymnasium)
        XCTAssertEqual(try PendulumFamily.gymnasium.task(seed: 9, split: .train, index: 0).gravity, 10.0)
        XCTAssertEqual(try FixedFamily.acrobot.task(seed: 1, split: .train, index: 0), .gymnasium)
    }

    func testRandomPhysicsChangesDynamics() throws {
        let heavy = CartPoleTask(poleMass: 0.5, poleHalfLength: 0.75, forceMagnitude: 5)
        var a = CartPole(), b = CartPole(parameters: heavy)
        try a.setPhysicalState([0, 0, 0.05, 0])
        try b.setPhysicalState([0, 0, 0.05, 0])
        for _ in 0..<10 { _ = a.step(1); _ = b.step(1) }
        XCTAssertNotEqual(a.theta, b.theta)
        XCTAssertLessThan(abs(b.xDot), abs(a.xDot))  // weaker push, heavier system
    }

    func testBanditFamilies() throws {
        for (family, pair) in [(BanditFamily.easy, [0.1, 0.9]), (.medium, [0.25, 0.75]), (.hard, [0.4, 0.6])] {
            let tasks = try family.tasks(seed: 3, split: .train, count: 50)
            for t in tasks {
                XCTAssertEqual(t.probabilities.count, 2)
                XCTAssertTrue(pair.contains(t.probabilities[0]))
                XCTAssertEqual(t.probabilities[0] + t.probabilities[1], 1, accuracy: 1e-12)
            }
            XCTAssertEqual(Set(tasks.map(\.probabilities[0])).count, 2, "both assignments occur")
        }
        let ten = try BanditFamily.uniform(arms: 10).tasks(seed: 4, split: .test, count: 20)
        XCTAssertTrue(ten.allSatisfy { $0.probabilities.count == 10 && $0.probabilities.allSatisfy { (0..<1).contains($0) } })
    }

    func testPointGoalHalvesAndPointDirection() throws {
        let goal = PointGoalFamily()
        for split in [TaskSplit.train, .test] {
            for t in try goal.tasks(seed: 5, split: split, count: 100) {
                XCTAssertTrue((0..<Double.pi).contains(t.angle))
                XCTAssertGreaterThanOrEqual(t.goal.y, 0)
                XCTAssertEqual(hypot(t.goal.x, t.goal.y), 2, accuracy: 1e-12)
            }
        }
        for t in try goal.tasks(seed: 5, split: .ood, count: 100) {
            XCTAssertTrue((Double.pi..<(2 * Double.pi)).contains(t.angle))
            XCTAssertLessThanOrEqual(t.goal.y, 1e-12)
        }
        let dir = PointDirectionFamily()
        let train = try dir.tasks(seed: 6, split: .train, count: 50)
        XCTAssertEqual(Set(train.map(\.dx)), [1, -1])
        XCTAssertTrue(train.allSatisfy { $0.dy == 0 })
        XCTAssertTrue(try dir.tasks(seed: 6, split: .ood, count: 20).allSatisfy { $0.dx == 0 && abs($0.dy) == 1 })
    }

    func testMazePoolHasAHundredMazesAndTestAndOODLieOutside() throws {
        let family = MazeFamily()
        let pool = (0..<100).map(family.poolTask)
        XCTAssertEqual(Set(pool.map(\.layoutSeed)).count, 100)
        XCTAssertEqual(Set(pool.map { MazeLayout(cellsWide: 5, cellsHigh: 5, seed: $0.layoutSeed).walls }).count, 100)
        let train = try family.tasks(seed: 8, split: .train, count: 300)
        XCTAssertTrue(train.allSatisfy { pool.contains($0) })
        XCTAssertGreaterThan(Set(train.map(\.layoutSeed)).count, 80)
        let poolSeeds = Set(pool.map(\.layoutSeed))
        let test = try family.tasks(seed: 8, split: .test, count: 100)
        XCTAssertTrue(test.allSatisfy { !poolSeeds.contains($0.layoutSeed) && $0.cellsWide == 5 })
        let ood = try family.tasks(seed: 8, split: .ood, count: 20)
        XCTAssertTrue(ood.allSatisfy { $0.cellsWide == 8 && $0.cellsHigh == 8 })
        XCTAssertEqual(family.makeEnvironment(ood[0]).maxEpisodeSteps, 256)
    }
}
