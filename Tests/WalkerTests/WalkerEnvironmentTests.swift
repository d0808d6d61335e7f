import Environments
import Foundation
import Random
import XCTest
@testable import Walker

/// The walker behaves like Gymnasium's BipedalWalker: reference numbers come
/// from Gymnasium 1.x's `bipedal_walker.py` on pybox2d 2.3.10 (`pip install
/// box2d`) with its terrain replaced by the flat line y = 10/3 and the reset
/// push set to 0, stepping zero actions:
///
///     env.reset(seed=0); env.np_random.uniform = lambda *a, **k: 0.0
///     obs, _ = env.reset(); [env.step(np.zeros(4)) for t in range(81)]
final class WalkerEnvironmentTests: XCTestCase {
    let flat = WalkerTerrainFamily().makeEnvironment(.flat, terrainSeed: 1)

    func testResetObservationMatchesGymnasium() {
        let gymnasium: [Float] = [
            0.0027476, 0, 0, -0.016, 0.0921512, 0, 0.860159, 0.00140337, 1, 0.0325576, 0, 0.853706, 2.83177e-08, 1,
            0.440814, 0.44582, 0.461423, 0.48955, 0.534103, 0.602461, 0.709149, 0.885932, 1, 1,
        ]
        var env = flat
        let e = runWalker(&env, force: 0, steps: 0) { _, _ in [0, 0, 0, 0] }
        for (i, (ours, theirs)) in zip(e.observations[0], gymnasium).enumerated() {
            XCTAssertEqual(ours, theirs, accuracy: 2e-5, "observation[\(i)]")
        }
    }

    /// Box2D 2.4 and pybox2d 2.3 agree to 5 digits for the first 10 zero-torque
    /// steps; after that contact order makes both chaotic (Gymnasium itself
    /// differs at 1e-4 when only its body destruction order changes).
    func testZeroTorqueTrajectoryFollowsGymnasium() {
        let reference: [Int: (x: Double, angle: Double)] = [
            0: (4.64798, -0.00519), 10: (4.63723, -0.00835), 20: (4.63907, 0.01456),
            40: (4.72943, 0.24913), 80: (5.59483, 0.78523),
        ]
        var env = flat
        let e = runWalker(&env, force: 0, steps: 81) { _, _ in [0, 0, 0, 0] }
        XCTAssertEqual(e.outcomes.count, 81)
        for (t, ref) in reference {
            let tolerance = t <= 10 ? 1e-4 : 0.1
            XCTAssertEqual(e.hull[t + 1].x, ref.x, accuracy: tolerance, "hull x after step \(t)")
            XCTAssertEqual(e.hull[t + 1].angle, ref.angle, accuracy: tolerance, "hull angle after step \(t)")
        }
    }

    /// r_t = s_t − s_{t−1} − Σ 0.00035·80·clip(|aᵢ|, 0, 1), s = 130·x/30 − 5·|θ|,
    /// recomputed from the reported hull positions and angles; −100 on the last
    /// step when the walker falls.
    func testRewardMatchesItsDefinitionOnAScriptedTrajectory() {
        var env = flat
        let e = runWalker(&env, force: 2.5, steps: 300) { _, t in
            let p = 2 * Double.pi * Double(t) / 37
            return [Float(sin(p)), Float(1.4 * cos(p)), Float(-0.5 * sin(p)), Float.nan]
        }
        XCTAssertGreaterThan(e.outcomes.count, 10)
        for t in 0..<e.rewards.count {
            let s1 = 130 * e.hull[t + 1].x / 30 - 5 * abs(e.hull[t + 1].angle)
            let s0 = 130 * e.hull[t].x / 30 - 5 * abs(e.hull[t].angle)
            let a = e.actions[t]
            let cost = 0.028 * (Double(min(abs(a[0]), 1)) + Double(min(abs(a[1]), 1)) + Double(min(abs(a[2]), 1)))
            if e.outcomes[t].terminated && e.hull[t + 1].x <= WalkerConstants.finishX {
                XCTAssertEqual(e.rewards[t], -100, "step \(t)")
            } else {
                XCTAssertEqual(e.rewards[t], s1 - s0 - cost, accuracy: 1e-9, "step \(t)")
            }
        }
    }

    func testRandomPolicyFallsWithMinus100OrIsTruncatedAt2000() {
        var falls = 0
        for seed in 0..<8 {
            var env = flat
            let e = runWalker(&env, seed: UInt64(seed), policy: randomPolicy(RandomStream(seed: 100 + UInt64(seed))))
            XCTAssertTrue(e.outcomes.dropLast().allSatisfy { !$0.done })
            if e.last.terminated {
                falls += 1
                XCTAssertEqual(e.last.reward, -100, "seed \(seed)")
                XCTAssertFalse(e.last.truncated)
            } else {
                XCTAssertTrue(e.last.truncated, "seed \(seed)")
                XCTAssertEqual(e.outcomes.count, 2000, "seed \(seed)")
                XCTAssertEqual(env.elapsedSteps, 2000)
            }
            XCTAssertLessThan(e.total, 0, "a random policy earns nothing, seed \(seed)")
            XCTAssertLessThan(e.hull.last!.x, WalkerConstants.initialX + 8, "seed \(seed)")
        }
        XCTAssertGreaterThanOrEqual(falls, 4, "most random walkers fall, as in Gymnasium")
    }

    /// Gymnasium's own heuristic gait walks forward on flat ground.
    func testHandMadeGaitWalksForward() {
        var env = flat
        var gait = WalkerHeuristic()
        var action: [Float] = [0, 0, 0, 0]
        let e = runWalker(&env, seed: 3, steps: 500) { obs, t in
            if t > 0 { action = gait.action(obs) }
            return action
        }
        XCTAssertEqual(e.outcomes.count, 500, "no fall in 500 steps")
        let progress = e.hull.last!.x - e.hull[0].x
        XCTAssertGreaterThan(progress, 10, "metres walked")
        XCTAssertGreaterThan(e.total, 40)
        // Both shins touch the ground at some point: it walks, it does not hop on one leg.
        XCTAssertTrue(e.observations.contains { $0[8] == 1 && $0[13] == 0 })
        XCTAssertTrue(e.observations.contains { $0[8] == 0 && $0[13] == 1 })
    }

    func testLidarReadingsLieInTheUnitIntervalOnEveryCourse() {
        let family = WalkerTerrainFamily(kinds: [.roughness, .pit, .stump, .stair])
        var encoding = family.initialEncoding
        let stream = RandomStream(seed: 4, path: ["mutate"])
        for _ in 0..<12 { encoding = family.mutate(encoding, stream: stream) }
        var env = family.makeEnvironment(encoding, terrainSeed: 9)
        let e = runWalker(&env, seed: 1, steps: 400, policy: randomPolicy(RandomStream(seed: 5)))
        var sawHit = false
        for obs in e.observations {
            XCTAssertEqual(obs.count, 24)
            XCTAssertTrue(obs.allSatisfy(\.isFinite))
            for v in obs[14..<24] {
                XCTAssertTrue(v >= 0 && v <= 1, "lidar \(v)")
                sawHit = sawHit || v < 1
            }
            XCTAssertTrue(obs[8] == 0 || obs[8] == 1)
            XCTAssertTrue(obs[13] == 0 || obs[13] == 1)
        }
        XCTAssertTrue(sawHit, "the downward rays see the ground")
    }

    func testEpisodeIsAPureFunctionOfForceAndActions() {
        var a = flat, b = flat
        let policy: ([Float], Int) -> [Float] = { _, t in [Float(sin(Double(t) / 7)), 0.5, -0.3, Float(cos(Double(t) / 5))] }
        let x = runWalker(&a, force: 1.25, steps: 200, policy: policy)
        let y = runWalker(&b, force: 1.25, steps: 200, policy: policy)
        XCTAssertEqual(x.observations, y.observations)
        XCTAssertEqual(x.rewards, y.rewards)
        // Resetting the same environment again replays the episode exactly.
        let z = runWalker(&a, force: 1.25, steps: 200, policy: policy)
        XCTAssertEqual(z.observations, x.observations)
        // The reset stream decides the push.
        let s1 = runWalker(&a, seed: 1, steps: 5, policy: policy), s2 = runWalker(&a, seed: 2, steps: 5, policy: policy)
        XCTAssertNotEqual(s1.observations[1], s2.observations[1])
    }

    /// Copies are values: a copy taken before reset replays exactly; one taken
    /// mid-episode continues on its own from the same body states.
    func testCopiesDoNotShareTheirWorld() {
        var a = flat
        _ = runWalker(&a, force: 0, steps: 30) { _, _ in [0.2, -0.2, 0.1, 0.3] }
        var b = a  // shares the world until one of them steps
        let xa = a.hullX
        var obsB: [Float] = []
        for _ in 0..<20 { obsB = b.step([1, 1, 1, 1]).observation }
        XCTAssertEqual(a.hullX, xa, "stepping the copy leaves the original alone")
        XCTAssertNotEqual(b.hullX, xa)
        let bodiesA = a.bodies
        XCTAssertEqual(bodiesA.count, 5)
        XCTAssertEqual(bodiesA[0].x, a.hullX, accuracy: 1e-6)
        let next = a.step([0.2, -0.2, 0.1, 0.3])
        XCTAssertFalse(next.observation == obsB)
    }

    func testTimeLimitIsGymnasiumsHardcoreLimit() {
        XCTAssertEqual(flat.maxEpisodeSteps, 2000)
        XCTAssertEqual(flat.observationSpace.dimension, 24)
        XCTAssertEqual(flat.actionSpace, .box(dimension: 4, low: -1, high: 1))
        var short = BipedalWalker(course: flat.course, maxEpisodeSteps: 50)
        let e = runWalker(&short, force: 0, steps: 100) { _, _ in [0, 0, 0, 0] }
        XCTAssertEqual(e.outcomes.count, 50)
        XCTAssertTrue(e.last.truncated)
        XCTAssertFalse(e.last.terminated, "standing still neither falls nor finishes")
    }

    func testPitsEndEpisodesOfWalkersThatCannotCrossThem() {
        // Pits 8–9 steps wide right after the start pad: the heuristic walks in and falls.
        let deep = WalkerTerrainEncoding(pitGap: [7, 8])
        var env = WalkerTerrainFamily().makeEnvironment(deep, terrainSeed: 2)
        var gait = WalkerHeuristic()
        var action: [Float] = [0, 0, 0, 0]
        let e = runWalker(&env, seed: 3) { obs, t in
            if t > 0 { action = gait.action(obs) }
            return action
        }
        XCTAssertTrue(e.last.terminated)
        XCTAssertEqual(e.last.reward, -100)
        XCTAssertLessThan(e.hull.last!.x, WalkerConstants.finishX)
    }
}
