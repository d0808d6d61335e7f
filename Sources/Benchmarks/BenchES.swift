import ArgumentParser
import Foundation
import PopulusKit

/// `populus bench es`: ES policy search on CartPole-v1 with the settings of
/// `Configs/es-cartpole.yaml`, side by side with evosax's OpenAI-ES on
/// gymnax's CartPole-v1 (JAX on CPU) when installed. Two figures each:
/// (a) wall-clock seconds until a generation's population mean return
/// reaches the target (JIT compilation included for the peer), and (b)
/// steady-state generations per second once episodes last 500 steps.
struct BenchES: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "es",
        abstract: "Time ES on CartPole-v1 (Configs/es-cartpole.yaml) to a population mean return of 475, and its steady-state generations/s, against evosax + gymnax.")

    @Option(name: .long, help: "Also write the figures as JSON to this file.")
    var json: String?

    @Option(name: .long, help: "The ES config (default: Configs/es-cartpole.yaml, found from the working directory or beside the executable).")
    var config: String?

    @Option(name: .long, help: "Worker threads for Populus (default: the processor count; JAX uses every core).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Seeds to run each contender with (0, 1, …); medians are compared.")
    var seeds: Int = 1

    @Option(name: .long, help: "The population mean return to reach.")
    var target: Double = 475

    @Option(name: .long, help: "Give up on a seed after this many generations.")
    var maxGenerations: Int = 300

    @Option(name: .long, help: "Generations timed for the steady state (after the target is reached).")
    var steady: Int = 20

    @OptionGroup var peers: PeerOptions

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard (1...20).contains(seeds) else { throw ValidationError("--seeds must be in 1…20, got \(seeds)") }
        guard maxGenerations >= 1, steady >= 1 else { throw ValidationError("--max-generations and --steady must be at least 1") }
    }

    func run() throws {
        let path = try ProjectFiles.config(config, fallback: "Configs/es-cartpole.yaml")
        let base = try ConfigDocument(contentsOfFile: path).decode(ESConfiguration.self)
        var figures = ESBenchFigures(config: path, base: base, threads: threads, target: target, steady: steady)
        for seed in 0..<seeds {
            var c = base
            c.seed = UInt64(seed)
            figures.populus.append(try measure(c))
            print(figures.populus.last!.line(label: "populus seed \(seed)"))
        }
        runPeer(into: &figures)
        print(figures.table())
        if let json {
            try figures.writeJSON(to: json)
            print("figures written to \(json)")
        }
    }

    /// One seed: generations and seconds to the target from construction
    /// (μ₀, strategy, environment) on, then `steady` timed generations.
    func measure(_ c: ESConfiguration) throws -> ESRunFigures {
        let clock = ContinuousClock()
        let start = clock.now
        var run = try ESRun(configuration: c, threads: threads)
        var result = ESRunFigures()
        while run.generation < maxGenerations {
            let metrics = try run.runGeneration()
            result.means.append(metrics.fitnessMean)
            if metrics.fitnessMean >= target {
                result.generationsToTarget = run.generation
                result.secondsToTarget = Runs.seconds(clock.now - start)
                break
            }
        }
        let steadyStart = clock.now, cpuStart = ProcessClock.cpuSeconds()
        var envSteps = 0.0
        for _ in 0..<steady { envSteps += Double(try run.runGeneration().envSteps) }
        let s = Runs.seconds(clock.now - steadyStart)
        result.steadyGenerationsPerSecond = Double(steady) / s
        result.steadyStepsPerSecond = envSteps / s
        result.steadyCPUSecondsPerGeneration = (ProcessClock.cpuSeconds() - cpuStart) / Double(steady)
        return result
    }

}

/// One contender's figures for one seed.
struct ESRunFigures {
    var generationsToTarget: Int?
    var secondsToTarget: Double?
    var steadyGenerationsPerSecond = 0.0
    var steadyStepsPerSecond = 0.0
    /// CPU seconds (every thread) per steady-state generation.
    var steadyCPUSecondsPerGeneration = 0.0
    /// Population mean return per generation until the target.
    var means: [Double] = []
    /// Peer only: the first call's seconds (compilation) and the import time.
    var firstCallSeconds: Double?
    var importSeconds: Double?

    func line(label: String) -> String {
        let reach = secondsToTarget.map { String(format: "%4d generations, %8.2f s", generationsToTarget ?? 0, $0) }
            ?? "target not reached in \(means.count) generations"
        return label + ": " + reach + String(format: "   steady %7.2f generations/s (%.2f M steps/s, %.1f CPU ms a generation)",
                                             steadyGenerationsPerSecond, steadyStepsPerSecond / 1e6,
                                             steadyCPUSecondsPerGeneration * 1e3)
    }

    var json: [String: Any] {
        var o: [String: Any] = ["steady_generations_per_second": steadyGenerationsPerSecond,
                                "steady_env_steps_per_second": steadyStepsPerSecond, "population_means": means,
                                "steady_cpu_seconds_per_generation": steadyCPUSecondsPerGeneration]
        if let generationsToTarget { o["generations_to_target"] = generationsToTarget }
        if let secondsToTarget { o["seconds_to_target"] = secondsToTarget }
        if let firstCallSeconds { o["first_generation_seconds"] = firstCallSeconds }
        if let importSeconds { o["import_seconds"] = importSeconds }
        return o
    }
}
