import Foundation
import Random
import XCTest
@testable import Environments

final class EnvironmentBehaviourTests: XCTestCase {
    func testResetDistributionsFollowGymnasium() {
        let stream = RandomStream(seed: 1, path: ["reset"])
        var cart = CartPole(), acro = Acrobot(), car = MountainCar(), pend = Pendulum()
        for _ in 0..<200 {
            XCTAssertTrue(cart.reset(stream: stream).allSatisfy { abs($0) <= 0.05 })
            _ = acro.reset(stream: stream)
            for v in acro.physicalState {
                XCTAssertLessThanOrEqual(abs(v), 0.1)
                XCTAssertEqual(v, Double(Float(v)), "Acrobot's reset state is float32")
            }
            let o = car.reset(stream: stream)
            XCTAssertTrue((-0.6..<(-0.4)).contains(Double(o[0])) && o[1] == 0)
            _ = pend.reset(stream: stream)
            XCTAssertTrue(abs(pend.theta) <= .pi && abs(pend.thetaDot) <= 1)
        }
        var a = CartPole(), b = CartPole()
        XCTAssertEqual(a.reset(stream: RandomStream(seed: 4)), b.reset(stream: RandomStream(seed: 4)))
    }

    func testInitialStateValidation() throws {
        var env = CartPole()
        XCTAssertThrowsError(try env.setPhysicalState([0, 1, 2])) { error in
            XCTAssertTrue("\(error)".contains("4 finite numbers (x, x_dot, theta, theta_dot)"), "\(error)")
        }
        XCTAssertThrowsError(try env.setPhysicalState([0, .nan, 0, 0]))
        try env.setPhysicalState([0.1, 0.2, 0.03, 0.04])
        XCTAssertEqual(env.observation(), [0.1, 0.2, 0.03, 0.04])
        var bandit = BanditFamily.easy.makeEnvironment(BanditTask(probabilities: [0.1, 0.9]))
        XCTAssertThrowsError(try bandit.setPhysicalState([1])) { error in
            XCTAssertEqual(error as? EnvironmentError, .stateNotSettable(environment: "Bandit"))
        }
    }

    func testTimeLimitTruncatesAtGymnasiumsLimits() {
        let limits: [(any Environment, Int)] = [
            (CartPole(), 500), (Acrobot(), 500), (MountainCar(), 200), (MountainCarContinuous(), 999), (Pendulum(), 200),
        ]
        for (env, limit) in limits { XCTAssertEqual(env.maxEpisodeSteps, limit, "\(type(of: env))") }
        var pend = Pendulum()
        _ = pend.reset(stream: RandomStream(seed: 2))
        for t in 1...200 {
            let outcome = pend.step([0.5]).outcome
            XCTAssertEqual(outcome.truncated, t == 200)
            XCTAssertFalse(outcome.terminated)
        }
    }

    func testBanditRewardsFollowArmProbabilities() {
        var env = Bandit(task: BanditTask(probabilities: [0.2, 0.7, 0.5]), pulls: 4000)
        let first = env.reset(stream: RandomStream(seed: 3))
        XCTAssertEqual(first, [0, 0, 0, 0, 0], "no previous action or reward yet")
        var totals = [0.0, 0.0, 0.0]
        for t in 0..<3999 {
            let (obs, outcome) = env.step(t % 3)
            totals[t % 3] += outcome.reward
            XCTAssertEqual(obs[t % 3], 1)
            XCTAssertEqual(Double(obs[3]), outcome.reward)
            XCTAssertEqual(obs[4], Float(t + 1) / 4000)
            XCTAssertFalse(outcome.done)
        }
        XCTAssertTrue(env.step(0).outcome.terminated, "the episode ends after T pulls")
        for (k, p) in [0.2, 0.7, 0.5].enumerated() {
            XCTAssertEqual(totals[k] / 1333, p, accuracy: 0.05)
        }
        var copy1 = env, copy2 = env
        _ = copy1.reset(stream: RandomStream(seed: 9))
        _ = copy2.reset(stream: RandomStream(seed: 9))
        XCTAssertEqual((0..<50).map { _ in copy1.step(1).outcome.reward }, (0..<50).map { _ in copy2.step(1).outcome.reward })
    }

    func testPointGoalRewardIsProgress() {
        let task = PointGoalTask(angle: 0.5, radius: 2)
        var env = PointGoalFamily().makeEnvironment(task)
        _ = env.reset(stream: RandomStream(seed: 5))
        let g = task.goal
        let d0 = hypot(env.x - g.x, env.y - g.y)
        var sum = 0.0, cost = 0.0
        for _ in 0..<15 {
            let a: [Float] = [Float(cos(0.5)), Float(sin(0.5))]
            let r = env.step(a).outcome.reward
            cost += PointMass.controlCost * (Double(a[0]) * Double(a[0]) + Double(a[1]) * Double(a[1]))
            sum += r
        }
        let d1 = hypot(env.x - g.x, env.y - g.y)
        XCTAssertEqual(sum + cost, (d0 - d1) / PointMass.dt, accuracy: 1e-9, "progress rewards telescope")
        XCTAssertLessThan(d1, d0 - 1, "pushing towards the goal approaches it")
        XCTAssertGreaterThan(sum, 0)

        var dir = PointDirectionFamily().makeEnvironment(PointDirectionTask(dx: -1, dy: 0))
        _ = dir.reset(stream: RandomStream(seed: 5))
        let backward = (0..<50).map { _ in dir.step([-1, 0]).outcome.reward }.reduce(0, +)
        _ = dir.reset(stream: RandomStream(seed: 5))
        let forward = (0..<50).map { _ in dir.step([1, 0]).outcome.reward }.reduce(0, +)
        XCTAssertGreaterThan(backward, 10)
        XCTAssertLessThan(forward, -10)
    }

    func testMazesArePerfectAndSolvable() throws {
        for seed in [UInt64(1), 2, 3, 77] {
            let layout = MazeLayout(cellsWide: 6, cellsHigh: 4, seed: seed)
            let open = layout.walls.filter { !$0 }.count
            XCTAssertEqual(open, 6 * 4 + (6 * 4 - 1), "cells plus a spanning tree of passages")
            XCTAssertEqual(shortestPath(layout, from: (1, 1), to: (7, 11))?.isEmpty, false)
        }
        let family = MazeFamily()
        for task in try family.tasks(seed: 1, split: .test, count: 10) + family.tasks(seed: 1, split: .ood, count: 3) {
            var env = family.makeEnvironment(task)
            _ = env.reset(stream: RandomStream(seed: 0))
            let path = try XCTUnwrap(shortestPath(env.layout, from: (env.row, env.column),
                                                  to: MazeLayout.square(task.goal)))
            var rewards: [Double] = []
            var last = StepOutcome(reward: 0, terminated: false, truncated: false)
            for a in path {
                last = env.step(a).outcome
                rewards.append(last.reward)
            }
            XCTAssertTrue(last.terminated, "\(task)")
            XCTAssertEqual(rewards.last, 1)
            XCTAssertTrue(rewards.dropLast().allSatisfy { $0 == -0.01 })
        }
    }

    func testMazeObservationIsTheLocalWindow() throws {
        let task = MazeTask(cellsWide: 3, cellsHigh: 3, layoutSeed: 4,
                            start: MazeCell(row: 0, column: 0), goal: MazeCell(row: 0, column: 1))
        var env = Maze(task: task)
        let obs = env.reset(stream: RandomStream(seed: 0))
        XCTAssertEqual(obs.count, 18)
        XCTAssertEqual(Array(obs[0..<3]), [1, 1, 1], "the outer wall above the top-left cell")
        XCTAssertEqual(obs[4], 0, "the agent's own square is free")
        XCTAssertEqual(obs[9..<18].reduce(0, +), 0, "goal two squares away is out of view")
        let before = (env.row, env.column)
        _ = env.step(0)  // up, into the outer wall
        XCTAssertTrue(before == (env.row, env.column))
        XCTAssertThrowsError(try env.setPhysicalState([0, 0]))
        try env.setPhysicalState([1, 3])
        XCTAssertEqual(env.observation()[9 + 4], 1, "standing on the goal square (1, 3): goal at the window's centre")
    }

    /// Breadth-first search over grid squares; returns the actions.
    func shortestPath(_ layout: MazeLayout, from: (Int, Int), to: (row: Int, column: Int)) -> [Int]? {
        let moves = [(-1, 0), (0, 1), (1, 0), (0, -1)]
        var previous = [Int: (Int, Int)]()
        var queue = [from.0 * layout.columns + from.1]
        previous[queue[0]] = (-1, -1)
        var head = 0
        while head < queue.count {
            let k = queue[head]; head += 1
            let (r, c) = (k / layout.columns, k % layout.columns)
            if r == to.row && c == to.column {
                var actions: [Int] = []
                var cur = k
                while let (p, a) = previous[cur], p >= 0 { actions.append(a); cur = p }
                return actions.reversed()
            }
            for (a, (dr, dc)) in moves.enumerated() where !layout.isWall(r + dr, c + dc) {
                let n = (r + dr) * layout.columns + c + dc
                if previous[n] == nil { previous[n] = (k, a); queue.append(n) }
            }
        }
        return nil
    }
}
