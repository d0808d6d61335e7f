import ArgumentParser
import Foundation
import PopulusKit

/// `populus bench epg`: the speed of EPG's main loop on the demo config —
/// lifetimes per second, one generation on 1 and on 2 threads (with a
/// check that both give the same bits), and the share of a lifetime spent
/// stepping environments (timed alone, same number of steps) vs everything
/// else (the gradient engine: acting, PPO/L_φ updates).
struct BenchEPG: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epg",
        abstract: "Time EPG on Configs/epg-demo.yaml: lifetimes/s, a generation on 1 vs 2 threads (same bits), and the environment's share of a lifetime.")

    @Option(name: .long, help: "The EPG config (default: Configs/epg-demo.yaml).")
    var config = "Configs/epg-demo.yaml"

    @Option(name: .long, help: "Generations timed per thread count (the median is reported).")
    var generations = 3

    @Option(name: .long, help: "Also write the figures as JSON to this file.")
    var json: String?

    func validate() throws {
        guard (1...50).contains(generations) else { throw ValidationError("--generations must be in 1…50, got \(generations)") }
    }

    func run() throws {
        let c = try ConfigDocument(contentsOfFile: config).decode(EPGConfiguration.self)
        let clock = ContinuousClock()

        // One generation, timed `generations` times from the same start, per thread count.
        var perThreads: [Int: (seconds: Double, lifetimes: Double, digest: String)] = [:]
        for threads in [1, 2] {
            var times: [Double] = [], lifetimes = 0.0, digest = ""
            for _ in 0..<generations {
                var run = try EPGRun(configuration: c, threads: threads)
                let start = clock.now
                let metrics = try run.runGeneration()
                times.append(seconds(clock.now - start))
                lifetimes = Double(metrics.lifetimes)
                digest = run.stateDigest
            }
            times.sort()
            perThreads[threads] = (times[times.count / 2], lifetimes, digest)
            print(String(format: "generation on %d thread%@: %.2f s (median of %d), %.0f lifetimes, %.2f lifetimes/s",
                         threads, threads == 1 ? "" : "s", times[times.count / 2], generations, lifetimes,
                         lifetimes / times[times.count / 2]))
        }
        let one = perThreads[1]!, two = perThreads[2]!
        let speedup = one.seconds / two.seconds
        print(String(format: "1 → 2 threads: %.2f× faster; same state digest: %@", speedup, one.digest == two.digest ? "yes" : "NO"))

        // A lifetime vs the environment alone for as many steps.
        let family = try EnvironmentRegistry.standard.resolve(c.env)
        let loop = LifetimeRunner(family: family, inner: c.inner, lossNetwork: c.lossNetwork, fitness: c.fitness)
        let task = try family.task(seed: c.seed, split: .train, index: 0)
        let genome = try EPGRun(configuration: c, threads: 1).strategy.mean
        var lifetimeTimes: [Double] = []
        for _ in 0..<3 {
            let start = clock.now
            _ = try loop.run(genome: genome, alpha: 0, task: task, seed: 1, path: ["bench"])
            lifetimeTimes.append(seconds(clock.now - start))
        }
        lifetimeTimes.sort()
        let lifetime = lifetimeTimes[1]
        var env = try family.makeEnvironment(task)
        let d = env.observationSpace.dimension
        var obs = [Float](repeating: 0, count: d)
        let rng = RandomStream(seed: 1, path: ["bench-env"])
        var action = [Float](repeating: 0, count: family.actionSpace.dimension)
        let steps = c.inner.lifetimeSteps
        let start = clock.now
        obs.withUnsafeMutableBufferPointer { env.reset(stream: rng, into: $0) }
        for _ in 0..<steps {
            let outcome: StepOutcome
            switch family.actionSpace {
            case .discrete(let n):
                outcome = obs.withUnsafeMutableBufferPointer { env.step(.discrete(rng.integer(below: n)), into: $0) }
            case .box:
                for j in action.indices { action[j] = rng.uniformFloat() * 2 - 1 }
                outcome = action.withUnsafeBufferPointer { a in obs.withUnsafeMutableBufferPointer { env.step(.continuous(a), into: $0) } }
            }
            if outcome.terminated || outcome.truncated { obs.withUnsafeMutableBufferPointer { env.reset(stream: rng, into: $0) } }
        }
        let envSeconds = seconds(clock.now - start)
        let share = envSeconds / lifetime
        print(String(format: "one lifetime (T = %d, α = 0): %.3f s = %.1f lifetimes/s on one thread; the environment alone: %.4f s (%.1f%%), the rest (engine: acting, L_φ and updates) %.1f%%",
                     steps, lifetime, 1 / lifetime, envSeconds, 100 * share, 100 * (1 - share)))
        if let json {
            let figures: [String: Any] = [
                "config": config, "generation_seconds_1_thread": one.seconds, "generation_seconds_2_threads": two.seconds,
                "lifetimes_per_generation": one.lifetimes, "lifetimes_per_second_2_threads": two.lifetimes / two.seconds,
                "speedup_1_to_2_threads": speedup, "same_digest": one.digest == two.digest,
                "lifetime_seconds": lifetime, "environment_seconds": envSeconds, "environment_share": share,
            ]
            let data = try JSONSerialization.data(withJSONObject: figures, options: [.prettyPrinted, .sortedKeys])
            try data.write(to: URL(fileURLWithPath: json), options: .atomic)
            print("figures written to \(json)")
        }
    }
}
