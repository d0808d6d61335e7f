import Foundation
import Random
import XCTest
@testable import Environments

final class RegistryTests: XCTestCase {
    let registry = EnvironmentRegistry.standard

    func testEveryIssueNameAndGymnasiumIdResolves() throws {
        let expected = [
            "cartpole": "cartpole", "CartPole-v1": "cartpole", "cartpole-v1": "cartpole",
            "acrobot": "acrobot", "Acrobot-v1": "acrobot",
            "mountaincar": "mountaincar", "MountainCar-v0": "mountaincar",
            "mountaincar-continuous": "mountaincar-continuous",
            "MountainCarContinuous-v0": "mountaincar-continuous",
            "pendulum": "pendulum", "Pendulum-v1": "pendulum",
            "cartpole-random": "cartpole-random", "pendulum-random": "pendulum-random",
            "mountaincar-random": "mountaincar-random",
            "bandit-2-easy": "bandit-2-easy", "bandit-2-medium": "bandit-2-medium",
            "bandit-2-hard": "bandit-2-hard", "bandit-10-uniform": "bandit-10-uniform",
            "bandit-10": "bandit-10-uniform",
            "point-goal": "point-goal", "point-direction": "point-direction", "maze": "maze",
        ]
        for (query, name) in expected {
            XCTAssertEqual(try registry.resolve(query).name, name, query)
        }
    }

    func testUnknownNameListsKnownNamesAndNearest() {
        XCTAssertThrowsError(try registry.resolve("cartpol")) { error in
            guard case EnvironmentError.unknownName(let name, let known, let nearest) = error else {
                return XCTFail("wrong error \(error)")
            }
            XCTAssertEqual(name, "cartpol")
            XCTAssertEqual(known, self.registry.names)
            XCTAssertEqual(nearest, "cartpole")
            let text = "\(error)"
            XCTAssertTrue(text.contains("Did you mean 'cartpole'?"), text)
            XCTAssertTrue(text.contains("pendulum-random"), text)
        }
        XCTAssertEqual(registry.nearest(to: "Pendulum-v0"), "Pendulum-v1")
        XCTAssertEqual(registry.nearest(to: "bandit-2-esay"), "bandit-2-easy")
        XCTAssertNil(registry.nearest(to: "a-completely-different-thing"))
    }

    func testFamilySpacesMatchTheirEnvironments() throws {
        for family in registry.families {
            for split in family.splits {
                let task = try family.task(seed: 3, split: split, index: 1)
                var env = try family.makeEnvironment(task)
                XCTAssertEqual(env.observationSpace, family.observationSpace, family.name)
                XCTAssertEqual(env.actionSpace, family.actionSpace, family.name)
                let obs = env.reset(stream: RandomStream(seed: 1))
                XCTAssertEqual(obs.count, family.observationSpace.dimension, family.name)
                XCTAssertTrue(obs.allSatisfy(\.isFinite), family.name)
            }
        }
    }

    func testTasksAreDeterministicAndSplitsDisjoint() throws {
        for name in ["cartpole-random", "pendulum-random", "mountaincar-random", "bandit-10-uniform",
                     "point-goal", "maze"] {
            let family = try registry.resolve(name)
            let a = try family.tasks(seed: 11, split: .train, count: 5)
            XCTAssertEqual(a, try family.tasks(seed: 11, split: .train, count: 5), name)
            XCTAssertEqual(try family.task(seed: 11, split: .train, index: 3), a[3], name)
            XCTAssertNotEqual(a, try family.tasks(seed: 12, split: .train, count: 5), name)
            let test = try family.tasks(seed: 11, split: .test, count: 5)
            XCTAssertTrue(Set(a.map(\.description)).isDisjoint(with: test.map(\.description)), name)
        }
    }

    func testUnsupportedSplitNamesTheAcceptedOnes() throws {
        let bandit = try registry.resolve("bandit-2-easy")
        XCTAssertThrowsError(try bandit.task(seed: 1, split: .ood, index: 0)) { error in
            XCTAssertEqual(error as? EnvironmentError,
                           .unsupportedSplit(family: "bandit-2-easy", split: "ood", accepted: ["train", "test"]))
        }
        XCTAssertEqual(try registry.resolve("cartpole").splits, [.train, .test])
        XCTAssertEqual(try registry.resolve("cartpole-random").splits, [.train, .test, .ood])
    }

    func testAnyTaskRoundTripsThroughJSON() throws {
        for family in registry.families {
            let task = try family.task(seed: 5, split: family.splits.last!, index: 2)
            let data = try JSONEncoder().encode(task)
            let back = try JSONDecoder().decode(AnyTask.self, from: data)
            XCTAssertEqual(back, task, family.name)
            XCTAssertEqual(back.description, task.description)
        }
        let bad = Data(#"{"family":"cartpol","task":{}}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(AnyTask.self, from: bad)) { error in
            XCTAssertTrue("\(error)".contains("cartpole"), "\(error)")
        }
    }

    func testTaskOfAnotherFamilyIsRefused() throws {
        let cartpole = try registry.resolve("cartpole-random")
        let pendulumTask = try registry.resolve("pendulum-random").task(seed: 1, split: .train, index: 0)
        XCTAssertThrowsError(try cartpole.makeEnvironment(pendulumTask)) { error in
            XCTAssertEqual(error as? EnvironmentError, .taskMismatch(expected: "cartpole-random", got: "pendulum-random"))
        }
    }

    func testTypedFamilyIsReachableThroughBase() throws {
        let family = try registry.resolve("cartpole-random")
        let typed = try XCTUnwrap(family.base as? CartPoleFamily)
        XCTAssertEqual(typed.ranges?.forceMagnitude.train, 5...15)
        let task = try family.task(seed: 2, split: .train, index: 0)
        XCTAssertEqual(task.value as? CartPoleTask, try typed.task(seed: 2, split: .train, index: 0))
    }

    func testEditDistance() {
        XCTAssertEqual(editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(editDistance("", "abc"), 3)
        XCTAssertEqual(editDistance("maze", "maze"), 0)
    }
}
