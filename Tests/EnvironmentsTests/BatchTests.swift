import Foundation
import Random
import XCTest
@testable import Environments

final class BatchTests: XCTestCase {
    /// Random actions for `n` instances over `steps` steps.
    func actions(_ n: Int, _ steps: Int, seed: UInt64) -> [[Int]] {
        let s = RandomStream(seed: seed, path: ["actions"])
        return (0..<steps).map { _ in (0..<n).map { _ in s.integer(below: 2) } }
    }

    func testStructOfArraysCartPoleMatchesTheGenericVector() {
        let n = 16
        let params = (0..<n).map { CartPoleTask(poleHalfLength: 0.3 + 0.03 * Double($0)) }
        let soa = CartPoleBatch(parameters: params, seed: 9, path: ["batch"])
        let generic = VectorEnvironment(params.map { CartPole(parameters: $0) }, seed: 9, path: ["batch"])
        var a = soa.makeStepBuffers(), b = generic.makeStepBuffers()
        soa.reset(into: &a)
        generic.reset(into: &b)
        XCTAssertEqual(a.observations, b.observations)
        for acts in actions(n, 1500, seed: 1) {
            soa.step(discrete: acts, into: &a)
            generic.step(discrete: acts, into: &b)
            XCTAssertEqual(a.observations, b.observations)
            XCTAssertEqual(a.rewards, b.rewards)
            XCTAssertEqual(a.terminated, b.terminated)
            XCTAssertEqual(a.truncated, b.truncated)
            XCTAssertEqual(soa.finishedLengths, generic.finishedLengths)
            XCTAssertEqual(soa.finishedReturns, generic.finishedReturns)
            XCTAssertEqual(soa.finalObservations, generic.finalObservations)
        }
        XCTAssertGreaterThan(soa.episodesCompleted, 200)
        XCTAssertEqual(soa.episodesCompleted, generic.episodesCompleted)
    }

    func testSameStepAutoResetBookkeeping() {
        let n = 8
        let batch = CartPoleBatch(count: n, seed: 3)
        var buf = batch.makeStepBuffers()
        batch.reset(into: &buf)
        var lengths = [Int](repeating: 0, count: n)
        var returns = [Double](repeating: 0, count: n)
        var ended = 0
        for acts in actions(n, 800, seed: 2) {
            batch.step(discrete: acts, into: &buf)
            for i in 0..<n {
                lengths[i] += 1
                returns[i] += Double(buf.rewards[i])
                guard buf.done(i) else { continue }
                ended += 1
                XCTAssertEqual(batch.finishedLengths[i], lengths[i])
                XCTAssertEqual(batch.finishedReturns[i], returns[i])
                let final = Array(batch.finalObservations[(4 * i)..<(4 * i + 4)])
                XCTAssertEqual(buf.terminated[i], CartPole.isTerminal(x: Double(final[0]), theta: Double(final[2])))
                let next = Array(buf.observations[(4 * i)..<(4 * i + 4)])
                XCTAssertTrue(next.allSatisfy { abs($0) <= 0.05 }, "row holds the next episode's first observation")
                lengths[i] = 0
                returns[i] = 0
            }
        }
        XCTAssertEqual(ended, batch.episodesCompleted)
        XCTAssertGreaterThan(ended, 50)
    }

    func testTruncationInABatchUsesTheTimeLimit() {
        let batch = VectorEnvironment([Pendulum(), Pendulum()], seed: 1)
        var buf = batch.makeStepBuffers()
        batch.reset(into: &buf)
        for t in 1...400 {
            batch.step(continuous: [0.3, -0.3], into: &buf)
            XCTAssertEqual(buf.truncated, [t % 200 == 0, t % 200 == 0])
        }
        XCTAssertEqual(batch.finishedLengths, [200, 200])
        XCTAssertEqual(batch.episodesCompleted, 4)
    }

    func testFamilyBatchesUseEachTask() throws {
        let family = try EnvironmentRegistry.standard.resolve("cartpole-random")
        let tasks = try family.tasks(seed: 1, split: .train, count: 4)
        let batch = try family.makeBatch(tasks: tasks, seed: 2)
        let soa = try XCTUnwrap(batch as? CartPoleBatch, "CartPole families batch as struct of arrays")
        XCTAssertEqual(soa.parameters, tasks.map { $0.value as! CartPoleTask })
        let goal = try EnvironmentRegistry.standard.resolve("point-goal")
        let goals = try goal.tasks(seed: 1, split: .ood, count: 3)
        let vec = try XCTUnwrap(try goal.makeBatch(tasks: goals, seed: 2) as? VectorEnvironment<PointMass>)
        XCTAssertEqual(vec.environments.map(\.objective),
                       goals.map { let g = ($0.value as! PointGoalTask).goal; return .goal(x: g.x, y: g.y) })
        XCTAssertThrowsError(try family.makeBatch(tasks: goals, seed: 2))
    }

    /// Agents run on `concurrentPerform` get the results of a sequential run.
    func testEnvironmentsAreSafeToStepConcurrently() throws {
        let family = try EnvironmentRegistry.standard.resolve("pendulum-random")
        let tasks = try family.tasks(seed: 4, split: .train, count: 8)
        @Sendable func episodeReturn(_ k: Int) -> Double {
            var env = try! family.makeEnvironment(tasks[k])
            _ = env.reset(stream: RandomStream(seed: 4, path: ["episode", .init(k)]))
            var total = 0.0
            var t = 0
            while true {
                let out = env.step([Float(sin(Double(t)))]).outcome
                total += out.reward
                t += 1
                if out.done { return total }
            }
        }
        let sequential = (0..<8).map(episodeReturn)
        final class Slots: @unchecked Sendable { var values = [Double](repeating: 0, count: 8) }
        let slots = Slots()  // each iteration writes only its own slot
        slots.values.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: 8) { k in out[k] = episodeReturn(k) }
        }
        XCTAssertEqual(slots.values, sequential)
        XCTAssertEqual(Set(sequential).count, 8, "different tasks, different returns")
    }
}
