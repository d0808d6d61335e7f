import ArgumentParser
import Foundation
import PopulusKit

/// `populus bench lpo`: one LPO meta-generation — P PPO agents trained from
/// scratch on CartPole-v1 with the shipped (RL Zoo) PPO settings, each with
/// its own drift φ_i = μ ± σε, then the ES update — side by side with the
/// same generation in JAX (`Benchmarks/peers/lpo_cartpole.py`: vmap over the
/// population and the environments, one jit-compiled call, gymnax
/// CartPole-v1). Reports seconds per generation and environment steps per
/// second, steady state and with the peer's compilation included.
struct BenchLPO: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lpo",
        abstract: "Time one LPO meta-generation (P PPO agents × T CartPole steps with a learned drift, then ES) against the same generation in JAX.")

    @Option(name: .long, help: "Also write the figures as JSON to this file.")
    var json: String?

    @Option(name: .long, help: "P: agents (members) per generation.")
    var population = 16

    @Option(name: .long, help: "T: environment steps each agent trains.")
    var steps = 50_000

    @Option(name: .long, help: "H: the drift network's hidden units.")
    var hidden = 32

    @Option(name: .long, help: "Steady-state generations timed (after the first).")
    var generations = 3

    @Option(name: .long, help: "Worker threads for Populus (default: the processor count; JAX uses every core).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var peers: PeerOptions

    func validate() throws {
        guard population >= 2, population % 2 == 0 else { throw ValidationError("--population must be even and ≥ 2") }
        guard steps >= 256 else { throw ValidationError("--steps must be at least 256 (one rollout)") }
        guard (1...20).contains(generations) else { throw ValidationError("--generations must be in 1…20") }
    }

    /// The `lpo` configuration of the workload: CartPole-v1, K = 1, no validation.
    var configuration: LPOConfiguration {
        var c = LPOConfiguration()
        c.name = "bench-lpo"
        c.env = "CartPole-v1"
        c.generations = generations + 1
        c.es.populationSize = population
        c.es.sigma = .constant(0.03)
        c.outer.tasksPerCandidate = 1
        c.outer.validationEvery = 1_000_000
        c.outer.validateStart = false
        c.objective.hidden = hidden
        c.lifetimeSteps = steps
        return c
    }

    func run() throws {
        var run = try LPORun(configuration: configuration, threads: threads)
        let (_, first) = try ProcessClock.timed { try run.runGeneration() }
        var times: [Double] = [], cpu: [Double] = [], envSteps = 0
        for _ in 0..<generations {
            let before = ProcessClock.cpuSeconds()
            let (metrics, seconds) = try ProcessClock.timed { try run.runGeneration() }
            times.append(seconds)
            cpu.append(ProcessClock.cpuSeconds() - before)
            envSteps = metrics.envSteps
        }
        let steady = times.sorted()[times.count / 2], cpuSteady = cpu.sorted()[cpu.count / 2]
        print(String(format: "populus (%d threads): first generation %.2f s, steady %.2f s a generation (%.0f env steps/s, %.2f CPU s)",
                     threads, first, steady, Double(envSteps) / steady, cpuSteady))
        var figures: [String: Any] = [
            "population": population, "steps": steps, "hidden": hidden, "threads": threads,
            "populus_first_generation_seconds": first, "populus_steady_seconds": steady,
            "populus_env_steps_per_second": Double(envSteps) / steady, "populus_steady_cpu_seconds": cpuSteady,
        ]
        switch peers.script("lpo_cartpole.py", modules: ["jax", "gymnax", "flax", "optax"]) {
        case .failure(let why):
            print("peer: \(why)")
            figures["notes"] = [why.description]
        case .success(let script):
            let result = try PeerScript.python([script, "--population", "\(population)", "--steps", "\(steps)",
                                                "--hidden", "\(hidden)", "--generations", "\(generations)"])
            guard result.status == 0, let peer = PeerScript.lastJSONObject(result.output),
                  let peerSteady = peer["steady_seconds_per_generation"] as? Double,
                  let peerFirst = peer["first_generation_seconds"] as? Double else {
                print("peer failed (exit \(result.status)): \(result.output.suffix(400))")
                break
            }
            figures["peer"] = peer
            let withCompile = (peerFirst + Double(generations) * peerSteady) / (first + Double(generations) * steady)
            print(String(format: "JAX %@: first generation %.2f s (compilation included), steady %.2f s a generation",
                         (peer["jax"] as? String) ?? "?", peerFirst, peerSteady))
            // The "including compile": the peer's first generation (compilation + one run) against one of ours.
            let firstGeneration = peerFirst / steady
            print(String(format: "populus vs JAX: %.2f× in steady state (target ≥ 3×), %.2f× on a first generation with JAX's compilation (target ≥ 8×), %.2f× over %d generations",
                         peerSteady / steady, firstGeneration, withCompile, generations + 1))
            figures["ratio_steady"] = peerSteady / steady
            figures["ratio_first_generation"] = firstGeneration
            figures["ratio_with_compile"] = withCompile
        }
        if let json {
            let data = try JSONSerialization.data(withJSONObject: figures, options: [.prettyPrinted, .sortedKeys])
            try data.write(to: URL(fileURLWithPath: json), options: .atomic)
            print("figures written to \(json)")
        }
    }
}
