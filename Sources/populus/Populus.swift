import ArgumentParser
import Benchmarks
import Foundation

/// `populus`: evolve how agents learn.
@main
struct Populus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "populus",
        abstract: "Population-based evolution for meta reinforcement learning: evolve losses (EPG) and policy objectives (LPO, TA-LPO), hyperparameters (PBT) and environment–agent pairs (POET).",
        version: "0.2.0",
        subcommands: [
            BenchCommand.self,
            CompareCommand.self,
            ConfigCommand.self,
            EnvCommand.self,
            EvolveCommand.self,
            InspectCommand.self,
            PBTCommand.self,
            POETCommand.self,
            ReportCommand.self,
            ResumeCommand.self,
            TrainCommand.self,
            TransferCommand.self,
            ZooCommand.self,
        ]
    )

    /// Registers the module environments, runs the command, and turns any
    /// error into its message and exit status (`ExitStatus`). A write past a
    /// file-size limit (`ulimit -f`) fails with EFBIG and its message rather
    /// than killing the process with SIGXFSZ.
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        Registration.registerModules()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            ExitStatus.exit(with: error)
        }
    }
}
