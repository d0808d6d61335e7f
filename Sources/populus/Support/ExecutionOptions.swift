import ArgumentParser
import Foundation
import PopulusKit

/// `--threads` and `--quiet`, shared by every command that runs work.
struct ExecutionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Worker threads (default: the processor count). Results do not depend on it.", valueName: "n"))
    var threads: Int = defaultThreadCount

    @Flag(help: "Print no progress lines.")
    var quiet = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    /// Settings for the Runs layer, run directories under `populations`.
    func settings(populations: String = "populations") -> RunSettings {
        RunSettings(threads: threads, populations: URL(fileURLWithPath: populations), quiet: quiet)
    }
}
