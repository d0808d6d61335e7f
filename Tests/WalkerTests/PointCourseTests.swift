import Environments
import Foundation
import Random
import XCTest

/// The cheap parametric family (`Environments/Parametric`), tested here with
/// the walker so both families meet the same contract.
final class PointCourseTests: XCTestCase {
    let family = PointCourseFamily()

    /// Runs `policy` (observation → action) for one episode.
    func run(_ env: inout PointCourse, seed: UInt64 = 0, policy: ([Float]) -> [Float])
        -> (total: Double, steps: Int, last: StepOutcome, x0: Double, x: Double)
    {
        var obs = env.reset(stream: RandomStream(seed: seed))
        let x0 = env.x
        var total = 0.0, steps = 0
        while true {
            let (next, outcome) = env.step(policy(obs))
            obs = next
            total += outcome.reward
            steps += 1
            if outcome.done { return (total, steps, outcome, x0, env.x) }
        }
    }

    /// A hand-made controller: runs, slows before walls, and jumps just high
    /// enough for a wall (when its rising flight clears the top by 0.1 m at the
    /// wall's face) or fully just before a pit.
    func jumper(_ obs: [Float]) -> [Float] {
        let vx = Double(obs[0]) * 4, d = Double(obs[4]) * 5, g = PointCourse.gravity
        let pit = Double(obs[5]) * 4, wall = Double(obs[6]) * 1.6
        guard obs[4] < 1, obs[4] > 0 else { return [1, -1] }
        if wall > 0 {
            let v = (2 * g * (wall + 0.35)).squareRoot()
            let rise = (v - (v * v - 2 * g * (wall + 0.1)).squareRoot()) / g
            return [d < 3 ? 0.5 : 1, d < vx * rise + 0.1 ? Float(v / PointCourse.jumpSpeed) : -1]
        }
        return [1, pit > 0 && d < 0.3 ? 1 : -1]
    }

    func testMutationStaysInBoundsAndChangesAParameter() {
        for kinds: [PointCourseFamily.Kind] in [[.pit, .wall], [.pit], [.wall]] {
            let family = PointCourseFamily(kinds: kinds)
            let stream = RandomStream(seed: 5, path: ["mutation", .label(kinds.map(\.rawValue).joined())])
            var pool = [family.initialEncoding]
            for _ in 0..<10_000 {
                let parent = pool[stream.integer(below: pool.count)]
                let child = family.mutate(parent, stream: stream)
                XCTAssertNotEqual(child, parent)
                XCTAssertTrue(family.contains(child), "\(child)")
                XCTAssertTrue(PointCourseFamily.pitMutation.admits(child.pitGap), "\(child)")
                XCTAssertTrue(PointCourseFamily.wallMutation.admits(child.wallHeight), "\(child)")
                XCTAssertEqual(child.pitGap.count == 2, kinds.contains(.pit))
                XCTAssertEqual(child.wallHeight.count == 2, kinds.contains(.wall))
                pool.append(child)
                if pool.count > 100 { pool.removeFirst() }
            }
            // The lineage reaches the far corner of the bounds.
            XCTAssertTrue(pool.contains { ($0.pitGap.last ?? 0) >= 3.2 || ($0.wallHeight.last ?? 0) >= 1.2 })
        }
        XCTAssertEqual(family.mutate(.flat, stream: RandomStream(seed: 1)),
                       PointCourseEncoding(pitGap: [0, 0.8], wallHeight: [0, 0.4]))
    }

    func testDistanceIsAMetricOnSamples() {
        let stream = RandomStream(seed: 2)
        var samples = [family.initialEncoding]
        for _ in 0..<50 { samples.append(family.mutate(samples[stream.integer(below: samples.count)], stream: stream)) }
        for a in samples {
            XCTAssertEqual(family.distance(a, a), 0)
            for b in samples {
                XCTAssertEqual(family.distance(a, b), family.distance(b, a))
                XCTAssertEqual(family.distance(a, b) > 0, a != b, "the vector is injective for this family")
                for c in samples.prefix(15) {
                    XCTAssertLessThanOrEqual(family.distance(a, b), family.distance(a, c) + family.distance(c, b) + 1e-12)
                }
            }
        }
        XCTAssertEqual(family.distance(PointCourseEncoding(pitGap: [4, 4]), .flat), 2.squareRoot(), accuracy: 1e-12)
    }

    func testLayoutIsFixedBySeed() {
        let p = PointCourseEncoding(pitGap: [0.4, 1.2], wallHeight: [0.2, 0.6])
        let a = PointCourseLayout(parameters: p, seed: 4)
        XCTAssertEqual(a, PointCourseLayout(parameters: p, seed: 4))
        XCTAssertNotEqual(a, PointCourseLayout(parameters: p, seed: 5))
        XCTAssertGreaterThanOrEqual(a.obstacles.count, 3)
        XCTAssertEqual(a.obstacles.first?.start, PointCourseLayout.startPad)
        for (o, next) in zip(a.obstacles, a.obstacles.dropFirst()) {
            XCTAssertGreaterThanOrEqual(next.start - o.end, PointCourseLayout.gapMin)
        }
        XCTAssertTrue(a.obstacles.allSatisfy { $0.end <= PointCourseLayout.length - PointCourseLayout.finishPad })
        XCTAssertTrue(PointCourseLayout(parameters: .flat, seed: 4).obstacles.isEmpty)
    }

    func testFlatCourseIsSolvedByRunningAndNotByStanding() {
        var env = family.makeEnvironment(.flat, terrainSeed: 1)
        let runner = run(&env) { _ in [1, -1] }
        XCTAssertTrue(runner.last.terminated, "reaches the finish")
        XCTAssertGreaterThanOrEqual(runner.x, PointCourseLayout.length)
        XCTAssertGreaterThanOrEqual(runner.total, family.solvedThreshold)
        XCTAssertLessThan(runner.steps, 130)
        let idle = run(&env) { _ in [0, 0] }
        XCTAssertTrue(idle.last.truncated)
        XCTAssertFalse(idle.last.terminated)
        XCTAssertEqual(idle.steps, 300)
        XCTAssertEqual(idle.total, 0, accuracy: 1e-12)
        XCTAssertLessThan(idle.total, family.solvedThreshold)
    }

    func testPitsAndWallsStopARunnerThatDoesNotJump() {
        var pits = family.makeEnvironment(PointCourseEncoding(pitGap: [1, 2]), terrainSeed: 3)
        let fall = run(&pits) { _ in [1, -1] }
        XCTAssertTrue(fall.last.terminated, "falls into the first pit")
        XCTAssertLessThan(pits.y, 0)
        XCTAssertLessThan(fall.total, family.minimalCriterion.upperBound)
        XCTAssertEqual(fall.x, PointCourseLayout.startPad + 1, accuracy: 1.0)

        var walls = family.makeEnvironment(PointCourseEncoding(wallHeight: [0.6, 1.0]), terrainSeed: 3)
        let blocked = run(&walls) { _ in [1, -1] }
        XCTAssertTrue(blocked.last.truncated && !blocked.last.terminated, "pinned against the first wall")
        XCTAssertEqual(blocked.x, PointCourseLayout.startPad, accuracy: 1e-9)
        XCTAssertEqual(blocked.total, 10 * (PointCourseLayout.startPad - blocked.x0) - 0.02 * 300, accuracy: 1e-9)
    }

    func testAJumperCrossesEveryObstacleKind() {
        let p = PointCourseEncoding(pitGap: [1.2, 2.0], wallHeight: [0.4, 0.8])
        for seed: UInt64 in 0..<10 {
            var env = family.makeEnvironment(p, terrainSeed: seed)
            let r = run(&env, seed: seed, policy: jumper)
            XCTAssertTrue(r.last.terminated && env.x >= PointCourseLayout.length, "course \(seed): stopped at \(env.x)")
            XCTAssertGreaterThanOrEqual(r.total, family.solvedThreshold, "course \(seed)")
        }
    }

    func testObservationDescribesTheNextObstacle() {
        let layout = PointCourseLayout(obstacles: [.pit(start: 3, width: 2), .wall(start: 8, height: 0.8)])
        var env = PointCourse(layout: layout)
        var obs = env.reset(stream: RandomStream(seed: 1))
        XCTAssertEqual(obs.count, 7)
        XCTAssertEqual(obs[3], 1, "standing")
        XCTAssertEqual(Double(obs[4]), (3 - env.x) / 5, accuracy: 1e-6)
        XCTAssertEqual(obs[5], 0.5, "pit 2 m / 4")
        XCTAssertEqual(obs[6], 0)
        try? env.setPhysicalState([6, 0, 1, 0])
        obs = env.observation()
        XCTAssertEqual(Double(obs[4]), 0.4, accuracy: 1e-6)
        XCTAssertEqual(obs[5], 0)
        XCTAssertEqual(obs[6], 0.5, "wall 0.8 m / 1.6")
    }

    func testTaskDistributionAndErasedFamily() throws {
        let tasks = try EnvironmentRegistry.standard.resolve("point-course")
        let a = try tasks.tasks(seed: 3, split: .train, count: 6)
        XCTAssertEqual(a, try tasks.tasks(seed: 3, split: .train, count: 6))
        XCTAssertNotEqual(a, try tasks.tasks(seed: 3, split: .test, count: 6))
        XCTAssertEqual(try JSONDecoder().decode(AnyTask.self, from: JSONEncoder().encode(a[2])), a[2])
        XCTAssertThrowsError(try tasks.task(seed: 1, split: .ood, index: 0))

        let erased = try EnvironmentRegistry.standard.resolveParametric("Point-Course")
        XCTAssertEqual(erased.solvedThreshold, 190)
        XCTAssertEqual(erased.bounds.count, 4)
        let child = try erased.mutate(erased.initialEncoding, stream: RandomStream(seed: 1))
        XCTAssertEqual(try erased.distance(child, child), 0)
        XCTAssertNoThrow(try erased.validate(child))
        let foreign = AnyEncoding(family: "walker-terrain", value: PointCourseEncoding())
        XCTAssertThrowsError(try erased.mutate(foreign, stream: RandomStream(seed: 1)))
        XCTAssertThrowsError(try erased.makeEnvironment(foreign, terrainSeed: 1))
        XCTAssertThrowsError(try EnvironmentRegistry.standard.resolveParametric("point-cours")) { error in
            XCTAssertTrue("\(error)".contains("point-course"), "\(error)")
        }
        XCTAssertThrowsError(try erased.validate(AnyEncoding(family: "point-course",
                                                             value: PointCourseEncoding(pitGap: [0, 9])))) { error in
            XCTAssertTrue("\(error)".contains("pit_gap.high"), "\(error)")
        }
    }

    /// Cheap enough for the whole POET loop to run in a test.
    func testAnEpisodeTakesWellUnderAMillisecond() {
        var env = family.makeEnvironment(PointCourseEncoding(pitGap: [0.4, 1.2], wallHeight: [0.2, 0.6]), terrainSeed: 1)
        var obs = [Float](repeating: 0, count: 7), action: [Float] = [0.7, 0]
        let start = Date()
        var steps = 0
        for e in 0..<500 {
            obs.withUnsafeMutableBufferPointer { o in
                env.reset(stream: RandomStream(seed: UInt64(e)), into: o)
                while true {
                    action[1] = o[4] < 0.1 ? 1 : -1
                    steps += 1
                    if action.withUnsafeBufferPointer({ env.step(.continuous($0), into: o) }).done { break }
                }
            }
        }
        let perEpisode = Date().timeIntervalSince(start) / 500
        print("point-course: \(Int(perEpisode * 1e6)) µs per episode, \(Int(Double(steps) / 500)) steps")
        XCTAssertLessThan(perEpisode, 1e-3, "\(perEpisode * 1e6) µs per episode (\(steps) steps)")
    }
}
