import ArgumentParser
import Foundation
import PopulusKit

/// The config file and its `--set` overrides: the option group every command
/// that reads a config shares (`@OptionGroup var options: ConfigOptions`).
struct ConfigOptions: ParsableArguments {
    @Argument(help: "A YAML config file (keys: see docs/configs.md).")
    var config: String

    @Option(name: .customLong("set"),
            help: ArgumentHelp("Override a key, e.g. --set ppo.learning_rate=3e-4 (repeatable; the value is YAML: 7, true, [64, 64]).",
                               valueName: "path.to.key=value"))
    var overrides: [String] = []

    /// The parsed document with the overrides applied.
    func document() throws -> ConfigDocument {
        try ConfigDocument(contentsOfFile: config, overrides: overrides)
    }

    /// The whole document decoded as `T` (defaults filled, validated).
    func load<T: Decodable>(_ type: T.Type) throws -> T {
        try document().decode(T.self)
    }
}

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
