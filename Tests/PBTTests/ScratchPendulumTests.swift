import Agents
import Environments
import Foundation
import XCTest

// SCRATCH (pbt): delete before hand-off.
final class ScratchPendulumTests: XCTestCase {
    func testScratchPendulum() throws {
        guard ProcessInfo.processInfo.environment["PBT_SCRATCH"] != nil else { return }
        let task = try EnvironmentRegistry.standard.resolve("Pendulum-v1").task(seed: 0, split: .train, index: 0)
        let lrs = (ProcessInfo.processInfo.environment["PBT_LRS"] ?? "1e-3").split(separator: ",").map { Double($0)! }
        for lr in lrs {
            var h = PPOHyperparameters()
            h.numEnvs = 4; h.numSteps = 256; h.numMinibatches = 16; h.updateEpochs = 10
            h.gamma = 0.9; h.gaeLambda = 0.95; h.learningRate = lr; h.entCoef = 0; h.annealLR = false
            h.normObs = ProcessInfo.processInfo.environment["PBT_NORMOBS"] != nil
            h.normReward = ProcessInfo.processInfo.environment["PBT_NORMREW"] != nil
            h.initLogStd = Double(ProcessInfo.processInfo.environment["PBT_LOGSTD"] ?? "0")!
            let agent = try Agent(AgentSpec(task: task, hyperparameters: h, lifetimeSteps: 1 << 40, seed: 1, path: ["x"]))
            let t0 = ContinuousClock.now
            var line = "lr \(lr):"
            for k in 1...12 {
                agent.train(until: k * 16384)
                line += String(format: " %.0f", agent.curve.meanReturn(last: 10) ?? .nan)
            }
            print(line, "reach-250 at", agent.curve.stepReaching(-250, window: 10) as Any, "time", ContinuousClock.now - t0)
        }
    }
}
