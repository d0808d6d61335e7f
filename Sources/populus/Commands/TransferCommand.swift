import ArgumentParser
import Foundation
import PopulusKit

/// `populus transfer RUN… --envs a,b,c`.
struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Train agents with an evolved drift on other environments (each with its shipped PPO settings) beside PPO, DPO and vanilla PG, and write the transfer table: rows environments, columns methods.",
        discussion: """
            Give several runs (evolution seeds) to get means and intervals across them. Each environment's comparison is \\
            kept in <run>/transfer/<env>/ and reused; --force runs it again.

              populus transfer populations/lpo-cartpole-s1 populations/lpo-cartpole-s2 --envs cartpole,acrobot,pendulum
            """)

    @Argument(help: ArgumentHelp("lpo run directories, or objective files (zoo/*.phi).", valueName: "run"))
    var sources: [String]

    @Option(help: ArgumentHelp("Environments, comma-separated (`populus env list`).", valueName: "list"))
    var envs: String

    @Option(help: ArgumentHelp("Held-out tasks per environment and method (default: the run's compare.seeds).", valueName: "n"))
    var seeds: Int?

    @Flag(help: "Run every comparison again, even those already written.")
    var force = false

    @Option(help: ArgumentHelp("Where to write the table (default: the first run's transfer/).", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("For objective files: where their comparisons are written (populations/compare-<file>-<env>/).", valueName: "dir"))
    var populations = "populations"

    @OptionGroup var execution: ExecutionOptions

    func validate() throws {
        if let seeds, seeds < 2 { throw ValidationError("--seeds must be at least 2 (intervals need two), got \(seeds)") }
        guard !sources.isEmpty else { throw ValidationError("give at least one run directory or objective file") }
    }

    func run() throws {
        var job = TransferJob(envs: envs.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        job.seeds = seeds
        job.force = force
        job.output = output.map { URL(fileURLWithPath: $0) }
        let page = try job.run(sources, settings: execution.settings(populations: populations))
        print("transfer table: \(page.path)")
    }
}
