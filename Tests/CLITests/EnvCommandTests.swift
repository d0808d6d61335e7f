import Foundation
import XCTest

/// `populus env list` and `populus env rollout` run as a user runs them.
final class EnvCommandTests: XCTestCase {
    func json(_ line: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], line)
    }

    func testListShowsEveryFamilyWithSpacesAndSplits() throws {
        let r = try PopulusBinary.run(["env", "list"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for name in ["cartpole (CartPole-v1)", "acrobot (Acrobot-v1)", "mountaincar (MountainCar-v0)",
                     "mountaincar-continuous (MountainCarContinuous-v0)", "pendulum (Pendulum-v1)",
                     "cartpole-random", "pendulum-random", "mountaincar-random", "bandit-2-easy", "bandit-2-medium",
                     "bandit-2-hard", "bandit-10-uniform", "point-goal", "point-direction", "maze"] {
            XCTAssertTrue(r.stdout.contains("\n\(name)") || r.stdout.hasPrefix(name), "missing \(name)")
        }
        XCTAssertTrue(r.stdout.contains("action Discrete(2)"))
        XCTAssertTrue(r.stdout.contains("splits train, test, ood"))
        let j = try PopulusBinary.run(["env", "list", "--json"])
        let objects = try j.lines.map(json)
        let maze = try XCTUnwrap(objects.first { $0["name"] as? String == "maze" })
        XCTAssertEqual(maze["splits"] as? [String], ["train", "test", "ood"])
        XCTAssertEqual(maze["action_space"] as? String, "Discrete(4)")
    }

    /// The first steps of the Gymnasium fixture's CartPole "random" trace
    /// (initial state 0.01, -0.02, 0.03, 0.04; actions recorded there).
    func testRolloutFromAnInitialStatePrintsOneJSONObjectPerStep() throws {
        let r = try PopulusBinary.run(["env", "rollout", "CartPole-v1", "--initial-state", "0.01,-0.02,0.03,0.04",
                                       "--actions", "0,1,1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let steps = try r.lines.map(json)
        XCTAssertEqual(steps.count, 3)
        XCTAssertEqual(steps.map { $0["t"] as? Int }, [1, 2, 3])
        XCTAssertEqual(steps.map { $0["action"] as? Int }, [0, 1, 1])
        let first = try XCTUnwrap(steps[0]["obs"] as? [Double])
        // x ← x + τẋ = 0.01 + 0.02·(−0.02); θ ← θ + τθ̇ = 0.03 + 0.02·0.04.
        XCTAssertEqual(first[0], 0.0096, accuracy: 1e-7)
        XCTAssertEqual(first[2], 0.0308, accuracy: 1e-7)
        XCTAssertEqual(steps[0]["reward"] as? Double, 1)
        XCTAssertEqual(steps[2]["terminated"] as? Bool, false)
        XCTAssertEqual(steps[2]["truncated"] as? Bool, false)
    }

    func testRandomRolloutRunsToTheEndOfTheEpisodeAndIsSeeded() throws {
        let a = try PopulusBinary.run(["env", "rollout", "cartpole", "--seed", "3"])
        XCTAssertEqual(a.status, 0, a.stderr)
        let steps = try a.lines.map(json)
        let last = try XCTUnwrap(steps.last)
        XCTAssertTrue(last["terminated"] as? Bool == true || last["truncated"] as? Bool == true)
        XCTAssertTrue(steps.dropLast().allSatisfy { $0["terminated"] as? Bool == false })
        XCTAssertEqual(try PopulusBinary.run(["env", "rollout", "cartpole", "--seed", "3"]).stdout, a.stdout)
        XCTAssertNotEqual(try PopulusBinary.run(["env", "rollout", "cartpole", "--seed", "4"]).stdout, a.stdout)
        let pend = try PopulusBinary.run(["env", "rollout", "pendulum", "--steps", "5"])
        XCTAssertEqual(pend.lines.count, 5)
        let action = try XCTUnwrap(try json(pend.lines[0])["action"] as? [Double])
        XCTAssertTrue(action.count == 1 && abs(action[0]) <= 2)
    }

    func testFamiliesSplitsAndContinuousActions() throws {
        let task1 = try PopulusBinary.run(["env", "rollout", "point-goal", "--split", "ood", "--task-seed", "1",
                                           "--actions=1:0,0.5:-0.5"])
        XCTAssertEqual(task1.status, 0, task1.stderr)
        XCTAssertEqual(try task1.lines.map { try json($0)["action"] as? [Double] }, [[1, 0], [0.5, -0.5]])
        let task2 = try PopulusBinary.run(["env", "rollout", "point-goal", "--split", "ood", "--task-seed", "2",
                                           "--actions=1:0,0.5:-0.5"])
        XCTAssertNotEqual(task1.stdout, task2.stdout, "another goal, other rewards")
        let maze = try PopulusBinary.run(["env", "rollout", "maze", "--split", "ood", "--steps", "4"])
        XCTAssertEqual(maze.status, 0, maze.stderr)
        XCTAssertEqual(try maze.lines.map { (try json($0)["obs"] as? [Double])?.count }, [18, 18, 18, 18])
    }

    func testBadInputExitsTwoNamingWhatIsAccepted() throws {
        let cases: [([String], [String])] = [
            (["env", "rollout", "cartpol"], ["unknown environment 'cartpol'", "Did you mean 'cartpole'?", "pendulum-random"]),
            (["env", "rollout", "cartpole", "--actions", "0,2"], ["action 2 (position 2) is out of range", "0 to 1"]),
            (["env", "rollout", "cartpole", "--actions", "0.5"], ["not an integer", "discrete actions"]),
            (["env", "rollout", "pendulum", "--actions", "left"], ["not 1 number", "continuous actions"]),
            (["env", "rollout", "point-goal", "--actions", "0.5"], ["not 2 numbers", "joined by ':'"]),
            (["env", "rollout", "cartpole", "--initial-state", "1,2,3"],
             ["3 numbers", "4 comma-separated numbers (x, x_dot, theta, theta_dot)"]),
            (["env", "rollout", "acrobot", "--initial-state", "1,x,3,4"], ["'x' is not a finite number", "theta1"]),
            (["env", "rollout", "bandit-2-hard", "--split", "ood"], ["no split 'ood'", "train, test"]),
            (["env", "rollout", "cartpole", "--split", "validation"], ["unknown split 'validation'", "train, test"]),
            (["env", "rollout", "bandit-10", "--initial-state", "0"], ["no settable physical state"]),
            (["env", "rollout", "cartpole", "--steps", "0"], ["--steps must be at least 1"]),
        ]
        for (arguments, fragments) in cases {
            let r = try PopulusBinary.run(arguments)
            XCTAssertEqual(r.status, 2, "\(arguments): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(arguments)")
            XCTAssertTrue(r.stderr.hasPrefix("error: "), r.stderr)
            for f in fragments { XCTAssertTrue(r.stderr.contains(f), "\(arguments): '\(f)' not in \(r.stderr)") }
        }
    }
}
