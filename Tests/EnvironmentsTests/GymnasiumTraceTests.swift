import Foundation
import Random
import XCTest
@testable import Environments

/// Replays the trajectories recorded from Gymnasium by `Fixtures/gym_traces.py`.
final class GymnasiumTraceTests: XCTestCase {
    struct Trace: Decodable {
        var env: String
        var `case`: String
        var initialState: [Double]
        var actions: [Double]
        var observations: [[Float]]
        var rewards: [Double]
        var terminated: [Bool]
        var truncated: [Bool]
    }

    struct Fixture: Decodable {
        var gymnasium: String
        var traces: [Trace]
    }

    static func loadFixture() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "gym_traces", withExtension: "json",
                                                  subdirectory: "Fixtures"),
                                "Fixtures/gym_traces.json missing; run gym_traces.py")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Fixture.self, from: Data(contentsOf: url))
    }

    func testFixtureCoversEveryClassicControlEnvironment() throws {
        let fixture = try Self.loadFixture()
        let envs = Set(fixture.traces.map(\.env))
        XCTAssertEqual(envs, ["CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1"])
        for env in envs {
            let traces = fixture.traces.filter { $0.env == env }
            XCTAssertGreaterThanOrEqual(traces.count, 3, env)
            XCTAssertTrue(traces.contains { $0.truncated.last == true }, "\(env) needs a trace reaching the time limit")
            for t in traces {
                XCTAssertTrue(t.rewards.count >= 200 || t.terminated.contains(true),
                              "\(env)/\(t.case): at least 200 steps or to termination")
            }
        }
    }

    func testSwiftEnvironmentsReproduceGymnasium() throws {
        let fixture = try Self.loadFixture()
        var checkedSteps = 0
        for trace in fixture.traces {
            let family = try EnvironmentRegistry.standard.resolve(trace.env)
            var env = try family.makeEnvironment(family.task(seed: 0, split: .train, index: 0))
            _ = env.reset(stream: RandomStream(seed: 0, path: ["trace"]))
            try env.setPhysicalState(trace.initialState)
            let label = "\(trace.env)/\(trace.case)"
            for (t, a) in trace.actions.enumerated() {
                let (obs, outcome) = env.actionSpace.isDiscrete ? env.step(Int(a)) : env.step([Float(a)])
                let expected = trace.observations[t]
                XCTAssertEqual(obs.count, expected.count, label)
                for (o, e) in zip(obs, expected) where abs(o - e) > 1e-5 {
                    XCTFail("\(label) step \(t + 1): observation \(obs) != Gymnasium \(expected)")
                    return
                }
                XCTAssertEqual(outcome.reward, trace.rewards[t], "\(label) step \(t + 1): reward")
                XCTAssertEqual(outcome.terminated, trace.terminated[t], "\(label) step \(t + 1): terminated")
                XCTAssertEqual(outcome.truncated, trace.truncated[t], "\(label) step \(t + 1): truncated")
                checkedSteps += 1
            }
        }
        XCTAssertGreaterThan(checkedSteps, 3000)
    }
}
