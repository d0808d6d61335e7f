import ArgumentParser
import Foundation
import PopulusKit

/// `populus bench ppo`: environment steps per second and sample efficiency of
/// PPO on the CartPole config, side by side with Stable-Baselines3's PPO on
/// the same hyperparameters (torch on one thread, and on its default), plus
/// the parallel scaling of independent agents (1 thread vs 2, results
/// compared bit for bit).
struct BenchPPO: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ppo",
        abstract: "Time PPO training on CartPole against Stable-Baselines3 with the same hyperparameters, and 8 agents on 1 vs 2 threads.")

    @Option(name: .long, help: "Also write the figures as JSON to this file.")
    var json: String?

    @Option(name: .long, help: "The PPO config to time (default: Configs/ppo-cartpole.yaml, found from the working directory or beside the executable).")
    var config: String?

    @Option(name: .long, help: "Seeds of our agent to time (1, 2, …); each trains the config's total_steps.")
    var seeds: Int = 5

    @Option(name: .long, help: "Seeds of Stable-Baselines3 (torch on one thread); one more runs on torch's default thread count.")
    var peerSeeds: Int = 3

    @Option(name: .long, help: "Agents in the scaling measurement.")
    var scalingAgents: Int = 8

    @Option(name: .long, help: "Environment steps each scaling agent trains.")
    var scalingSteps: Int = 20_000

    @Option(name: .long, help: "Times the 1- and 2-thread runs are repeated (the fastest of each is reported).")
    var scalingRepeats: Int = 3

    @Option(name: .long, help: "Mean return over the last 20 episodes that counts as solved (sample efficiency).")
    var threshold: Double = 475

    @OptionGroup var peers: PeerOptions

    func validate() throws {
        guard (1...20).contains(seeds) else { throw ValidationError("--seeds must be in 1…20, got \(seeds)") }
        guard (0...20).contains(peerSeeds) else { throw ValidationError("--peer-seeds must be in 0…20, got \(peerSeeds)") }
        guard (2...64).contains(scalingAgents) else { throw ValidationError("--scaling-agents must be in 2…64, got \(scalingAgents)") }
        guard (1...20).contains(scalingRepeats) else { throw ValidationError("--scaling-repeats must be in 1…20, got \(scalingRepeats)") }
        guard (1...10_000_000).contains(scalingSteps) else { throw ValidationError("--scaling-steps must be in 1…10,000,000, got \(scalingSteps)") }
    }

    func run() throws {
        let path = try ProjectFiles.config(config, fallback: "Configs/ppo-cartpole.yaml")
        let cfg = try ConfigDocument(contentsOfFile: path).decode(PPOConfiguration.self)
        var figures = PPOBenchFigures(config: cfg, file: path, threshold: threshold)
        print("populus bench ppo: \(cfg.env), \(cfg.totalSteps) steps, \(cfg.ppo.numEnvs) envs × \(cfg.ppo.numSteps) steps, "
              + "\(cfg.ppo.updateEpochs) epochs × \(cfg.ppo.numMinibatches) minibatch(es), one thread each")
        for s in 1...seeds {
            var c = cfg
            c.seed = UInt64(s)
            let (agent, seconds) = try ProcessClock.timed { let a = try Agent(try AgentSpec(c)); a.train(until: c.totalSteps); return a }
            let run = PPOBenchFigures.Run(seed: s, steps: agent.steps, seconds: seconds,
                                          stepsToThreshold: agent.curve.stepReaching(figures.threshold, window: 20),
                                          finalReturn: agent.curve.meanReturn(last: 20) ?? .nan)
            figures.ours.append(run)
            print("  populus seed \(s): \(run.summary)")
        }
        runPeers(into: &figures)
        try measureScaling(cfg, into: &figures)
        print(figures.table())
        if let json {
            try figures.writeJSON(to: json)
            print("figures written to \(json)")
        }
        if figures.scaling?.identical == false { throw ExitCode.failure }
    }

    /// `scalingAgents` agents (paths `["bench", i]`) trained on 1 thread, then on
    /// 2, `scalingRepeats` times alternately (the fastest of each counts: other
    /// processes only ever slow a run down); the speed-up, and whether every
    /// curve and final state is bit-identical across all runs.
    func measureScaling(_ cfg: PPOConfiguration, into figures: inout PPOBenchFigures) throws {
        var c = cfg
        c.totalSteps = scalingSteps
        let base = try AgentSpec(c)
        let specs = (0..<scalingAgents).map { i -> AgentSpec in
            var s = base
            s.path = ["bench", .init(i)]
            return s
        }
        func train(threads: Int) throws -> (states: [[UInt8]], seconds: Double, cpu: Double) {
            let agents = try specs.map { try Agent($0) }
            let cpu0 = ProcessClock.cpuSeconds()
            let (_, seconds) = ProcessClock.timed { ConcurrentTraining.train(agents, until: scalingSteps, threads: threads) }
            return (agents.map(\.state.bytes), seconds, ProcessClock.cpuSeconds() - cpu0)
        }
        var one = (seconds: Double.infinity, cpu: 0.0), two = one
        var reference: [[UInt8]]?
        var identical = true
        for _ in 0..<scalingRepeats {
            for threads in [1, 2] {
                let r = try train(threads: threads)
                if let reference { identical = identical && reference == r.states } else { reference = r.states }
                if threads == 1, r.seconds < one.seconds { one = (r.seconds, r.cpu) }
                if threads == 2, r.seconds < two.seconds { two = (r.seconds, r.cpu) }
            }
        }
        figures.scaling = .init(agents: scalingAgents, stepsEach: scalingSteps, oneThread: one.seconds,
                                twoThreads: two.seconds, oneThreadCPU: one.cpu, twoThreadsCPU: two.cpu,
                                identical: identical, cores: ProcessInfo.processInfo.activeProcessorCount,
                                repeats: scalingRepeats, loadAverage: ProcessClock.loadAverage())
        print("  scaling: \(scalingAgents) agents × \(scalingSteps) steps, best of \(scalingRepeats): 1 thread "
              + String(format: "%.2f s (CPU %.2f s), 2 threads %.2f s (CPU %.2f s)", one.seconds, one.cpu, two.seconds, two.cpu)
              + "; results \(identical ? "bitwise identical" : "DIFFER")")
    }
}
