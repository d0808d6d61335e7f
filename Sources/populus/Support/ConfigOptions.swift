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

/// The saved run a command reads: a run directory or one of its checkpoint files.
struct RunPathArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("A run directory (populations/<name>) or one of its checkpoint files.", valueName: "run"))
    var path: String
}
