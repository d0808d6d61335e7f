import ArgumentParser
import PopulusKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `populus pbt versus-random CONFIG [--seeds 3] [--threshold -250]`.
struct PBTVersusRandomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versus-random",
        abstract: "PBT against random search at equal compute: the config's PBT run and the same population never exploiting (exploit: none), on several seeds; prints the total environment steps each needs to reach a threshold and writes the curves.",
        discussion: """
            Seed s uses the config with seed = (config seed) + s: both methods start from the same P hyperparameter draws, \
            the same initial weights and the same streams, and are scored the same way (the best member's recent mean return at each ready check). \
            Writes populations/<name>-versus-random/ (curves.csv, summary.csv, index.html). Nothing is checkpointed.

              populus pbt versus-random Configs/pbt-pendulum.yaml --seeds 3 --threshold -250
            """)

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("Seeds (pairs of runs).", valueName: "n"))
    var seeds = 3

    // `.unconditional`: the value may start with '-' (`--threshold -250`).
    @Option(parsing: .unconditional,
            help: ArgumentHelp("The return to reach (default: the env's usual goal, e.g. -250 on Pendulum, 475 on CartPole).", valueName: "return"))
    var threshold: Double?

    @Option(help: ArgumentHelp("The directory run directories are created in.", valueName: "dir"))
    var populations = "populations"

    @OptionGroup var execution: ExecutionOptions

    func validate() throws {
        guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
        if let threshold, !threshold.isFinite { throw ValidationError("--threshold must be a finite number") }
    }

    func run() throws {
        let config = try options.load(PBTConfiguration.self)
        guard let goal = threshold ?? VersusRandom.defaultThreshold(config.env) else {
            throw RunError("no usual goal is known for \(config.env); give one with --threshold")
        }
        let seedList = (0..<seeds).map { config.seed &+ UInt64($0) }
        if !execution.quiet {
            print("versus-random \(config.name): \(seeds) seed\(seeds == 1 ? "" : "s") × (PBT, random search), population \(config.pbt.populationSize), \(config.generations) × \(config.pbt.interval) steps per member, threshold \(humanNumber(goal))")
        }
        let result = try VersusRandom.run(config, seeds: seedList, threshold: goal, threads: execution.threads) { line in
            if !execution.quiet {
                print(line)
                fflush(nil) // a log file sees each run as it ends
            }
        }
        let dir = URL(fileURLWithPath: populations).appendingPathComponent("\(config.name)-versus-random")
        try VersusRandomOutput.write(result, config: config, to: dir)
        print(VersusRandomOutput.summary(result))
        print("wrote \(dir.path)/{curves.csv, summary.csv, index.html}")
    }

}

