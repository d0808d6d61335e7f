import ArgumentParser
import Checkpoint
import Config
import Evolution
import Foundation

extension Populus {
    /// `populus evolve CONFIG [--set k=v …] [--threads N]`.
    struct Evolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a population algorithm from a YAML config into populations/<name>/ (config.yaml, metrics.csv, checkpoints/), with a progress line; Ctrl-C stops cleanly after a checkpoint.",
            discussion: "Algorithms: \(RunKinds.algorithmList). Results are bitwise identical for any --threads; `populus resume` continues a stopped or killed run exactly."
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var execution: ExecutionOptions

        @Option(help: ArgumentHelp("The directory run directories are created in.", valueName: "dir"))
        var populations = "populations"

        @Flag(help: "Replace an existing run of the same name (its checkpoints and metrics are deleted).")
        var overwrite = false

        func run() throws {
            let document = try options.document()
            let header = try exitOnConfigError { try document.header() }
            guard let kind = RunKinds.forAlgorithm(header.algorithm) else {
                FileHandle.standardError.write(Data("error: \(options.config): algorithm '\(header.algorithm.rawValue)' is not a population run; `populus evolve` runs: \(RunKinds.algorithmList)\n".utf8))
                throw ExitCode(2)
            }
            var settings = execution.settings
            settings.populations = URL(fileURLWithPath: populations)
            settings.overwrite = overwrite
            try reportingFailures { try kind.evolve(document, settings) }
        }
    }
}

/// `--threads` and `--quiet`, shared by `evolve` and `resume`.
struct ExecutionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Worker threads (default: the processor count). Results do not depend on it.", valueName: "n"))
    var threads: Int = defaultThreadCount

    @Flag(help: "Print no progress lines.")
    var quiet = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    var settings: SessionSettings {
        SessionSettings(threads: threads, populations: URL(fileURLWithPath: "populations"), quiet: quiet)
    }
}

/// Runs `body`; a problem with the user's input (a run directory, a
/// checkpoint, a strategy setting) is printed as `error: …` with exit status 2.
func reportingFailures(_ body: () throws -> Void) throws {
    func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode(2)
    }
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as UsageFailure {
        throw fail(error.description)
    } catch let error as CheckpointLoadFailure {
        var message = error.description
        if let older = error.olderIntact { message += "\nto continue from it: populus resume \(older.path)" }
        throw fail(message)
    } catch let error as CheckpointError {
        throw fail(error.description)
    } catch let error as RunDirectoryError {
        throw fail(error.description)
    } catch let error as EvolutionError {
        throw fail(error.description)
    }
}
