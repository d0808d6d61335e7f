import ArgumentParser
import Config
import Foundation
import PolicySearch

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

    @Option(name: .long, help: "Directory of the peer scripts (default: Benchmarks/peers).")
    var peersDirectory: String?

    @Flag(name: .long, help: "Skip evosax even when it is installed.")
    var noPeers = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard (1...20).contains(seeds) else { throw ValidationError("--seeds must be in 1…20, got \(seeds)") }
        guard maxGenerations >= 1, steady >= 1 else { throw ValidationError("--max-generations and --steady must be at least 1") }
    }

    func run() throws {
        let path = try configPath()
        let base = try exitOnConfigError { try ConfigDocument(contentsOfFile: path).decode(PolicySearchConfiguration.self) }
        var figures = ESBenchFigures(config: path, base: base, threads: threads, target: target, steady: steady)
        for seed in 0..<seeds {
            var c = base
            c.seed = UInt64(seed)
            figures.populus.append(try measure(c))
            print(figures.populus.last!.line(label: "populus seed \(seed)"))
        }
        if noPeers {
            figures.notes.append("evosax skipped (--no-peers)")
        } else {
            runPeer(into: &figures)
        }
        print(figures.table())
        if let json {
            try figures.writeJSON(to: json)
            print("figures written to \(json)")
        }
    }

    /// One seed: generations and seconds to the target from construction
    /// (μ₀, strategy, environment) on, then `steady` timed generations.
    func measure(_ c: PolicySearchConfiguration) throws -> ESRunFigures {
        let clock = ContinuousClock()
        let start = clock.now
        var run = try PolicySearchRun(configuration: c, threads: threads)
        let columns = run.metricsColumns
        let mean = columns.firstIndex(of: "fitness_mean")!, steps = columns.firstIndex(of: "env_steps")!
        var result = ESRunFigures()
        while run.generation < maxGenerations {
            let row = try run.runGeneration()
            result.means.append(row[mean])
            if row[mean] >= target {
                result.generationsToTarget = run.generation
                result.secondsToTarget = seconds(clock.now - start)
                break
            }
        }
        let steadyStart = clock.now, cpuStart = Self.processCPUSeconds()
        var envSteps = 0.0
        for _ in 0..<steady { envSteps += try run.runGeneration()[steps] }
        let s = seconds(clock.now - steadyStart)
        result.steadyGenerationsPerSecond = Double(steady) / s
        result.steadyStepsPerSecond = envSteps / s
        result.steadyCPUSecondsPerGeneration = (Self.processCPUSeconds() - cpuStart) / Double(steady)
        return result
    }

    /// User + system CPU seconds of this process, all threads (getrusage):
    /// comparable across contenders even when other jobs share the cores.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }

    func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// `--config`, or Configs/es-cartpole.yaml from the working directory or above the executable.
    func configPath() throws -> String {
        if let config { return config }
        let found = Self.searchUpwards("Configs/es-cartpole.yaml")
        guard let found else {
            throw ValidationError("Configs/es-cartpole.yaml not found from the working directory or the executable; pass --config")
        }
        return found
    }

    /// `relative` under the working directory or up to four levels above the executable.
    static func searchUpwards(_ relative: String) -> String? {
        let fm = FileManager.default
        var candidates = [fm.currentDirectoryPath + "/" + relative]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent(relative).path)
            dir.deleteLastPathComponent()
        }
        return candidates.first { fm.fileExists(atPath: $0) }
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
