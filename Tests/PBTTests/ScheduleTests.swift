import Agents
import Environments
import XCTest
@testable import PBT

final class ScheduleTests: XCTestCase {
    /// The traced schedule of every member agrees with the metrics: in each
    /// segment, the carrier member trained with the segment's values in
    /// every generation the segment spans.
    func testTracedSchedulesMatchWhatTheCarriersTrainedWith() throws {
        let config = try tinyConfiguration(exploit: .tournament, generations: 6)
        var run = try PBTRun(configuration: config, threads: 2)
        var rows: [[Double]] = []
        for _ in 0..<config.generations { rows.append(try run.runGeneration().values) }
        let columns = run.metricsColumns
        let steps = rows.map { Int($0[columns.firstIndex(of: "env_steps")!]) / config.pbt.populationSize }
        XCTAssertGreaterThan(run.lineage.filter { $0.event == .exploit }.count, 2)
        var hops = 0
        for m in 0..<config.pbt.populationSize {
            let s = try HyperparameterSchedule.trace(run.lineage, run: "tiny", member: m, step: steps.last!)
            XCTAssertEqual(s.segments.first?.fromStep, 0)
            XCTAssertEqual(s.segments.last?.toStep, steps.last)
            hops += s.segments.count - 1
            for seg in s.segments {
                for (g, end) in steps.enumerated() where end > seg.fromStep && end <= seg.toStep {
                    for name in run.space.names {
                        XCTAssertEqual(rows[g][columns.firstIndex(of: "m\(seg.member)_\(name)")!], seg.hyperparameters[name],
                                       "member \(m): generation \(g), carrier \(seg.member), \(name)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(hops, 0, "some lineage went through an exploit")
    }

    /// A replay sets each segment's hyperparameters from its first step on.
    func testReplaySwitchesHyperparametersAtSegmentBoundaries() throws {
        let schedule = HyperparameterSchedule(run: "r", member: 0, score: nil, steps: 512, segments: [
            .init(fromStep: 0, toStep: 256, member: 0, hyperparameters: ["learning_rate": 1e-3, "update_epochs": 2]),
            .init(fromStep: 256, toStep: 512, member: 1, hyperparameters: ["learning_rate": 4e-4, "update_epochs": 3]),
        ])
        var h = PPOHyperparameters()
        h.numEnvs = 2
        h.numSteps = 64
        h.hiddenSizes = [16]
        h.annealLR = true
        let replay = try ScheduleReplay(schedule, base: h)
        let task = try EnvironmentRegistry.standard.resolve("CartPole-v1").task(seed: 0, split: .train, index: 0)
        let agent = try Agent(AgentSpec(task: task, hyperparameters: h, lifetimeSteps: 2048, seed: 1))
        var seen: [(step: Int, lr: Double, epochs: Int)] = []
        try replay.train(agent, until: 768) { stats in
            seen.append((stats.step, stats.learningRate, agent.hyperparameters.updateEpochs))
        }
        XCTAssertEqual(seen.map(\.step), [128, 256, 384, 512, 640, 768])
        XCTAssertEqual(seen.map { Float($0.lr) }, [1e-3, 1e-3, 4e-4, 4e-4, 4e-4, 4e-4], "not annealed")
        XCTAssertEqual(seen.map(\.epochs), [2, 2, 3, 3, 3, 3])
        XCTAssertThrowsError(try ScheduleReplay(HyperparameterSchedule(run: "r", member: 0, score: nil, steps: 1, segments: [
            .init(fromStep: 0, toStep: 1, member: 0, hyperparameters: ["learning_rate": 2]),
        ]), base: h))
    }
}
