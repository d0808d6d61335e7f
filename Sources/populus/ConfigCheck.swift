import Agents
import ArgumentParser
import Config
import Foundation
import POET

/// The config file and its `--set` overrides: the option group every command
/// that reads a config shares (`@OptionGroup var config: ConfigOptions`).
struct ConfigOptions: ParsableArguments {
    @Argument(help: "A YAML config file (keys: see Configs/README.md).")
    var config: String

    @Option(name: .customLong("set"),
            help: ArgumentHelp("Override a key, e.g. --set ppo.learning_rate=3e-4 (repeatable; the value is YAML: 7, true, [64, 64]).",
                               valueName: "path.to.key=value"))
    var overrides: [String] = []

    /// The parsed document with the overrides applied; a config error is printed and exits with status 2.
    func document() throws -> ConfigDocument {
        try exitOnConfigError { try ConfigDocument(contentsOfFile: config, overrides: overrides) }
    }

    /// The whole document decoded as `T` (defaults filled, validated); exits with status 2 on a config error.
    func load<T: Decodable>(_ type: T.Type) throws -> T {
        let document = try document()
        return try exitOnConfigError { try document.decode(T.self) }
    }
}

/// Runs `body`; a ``ConfigError`` is printed to stderr and the command exits
/// with status 2 (``ConfigError/exitCode``) instead of crashing or going on.
/// Other errors pass through unchanged.
func exitOnConfigError<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ConfigError {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(ConfigError.exitCode)
    }
}

extension Populus {
    /// `populus config …`: configs on their own.
    struct ConfigCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Work with YAML configs: check one and see it resolved with every default.",
            subcommands: [Check.self]
        )
    }
}

extension Populus.ConfigCommand {
    /// `populus config check FILE [--set k=v …]`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a config with its --set overrides and print it resolved, or name the file, line and key that is wrong (exit status 2)."
        )

        @OptionGroup var options: ConfigOptions

        /// The `Configuration` type each algorithm's document decodes into. An
        /// algorithm's target adds its line, e.g. `.ppo: { try $0.resolvedYAML(PPOConfiguration.self) }`.
        /// Population algorithms (es, epg, pbt, poet) come from the run-kind table.
        static var resolvers: [Algorithm: @Sendable (ConfigDocument) throws -> String] {
            RunKinds.configResolvers.merging([
                .ppo: { try $0.resolvedYAML(PPOConfiguration.self) },
            ]) { fromTable, _ in fromTable }
        }

        func run() throws {
            let document = try options.document()
            let header = try exitOnConfigError { try document.header() }
            if let resolve = Self.resolvers[header.algorithm] {
                print(try exitOnConfigError { try resolve(document) }, terminator: "")
            } else {
                print(try exitOnConfigError { try document.yamlResolvingHeader() }, terminator: "")
                FileHandle.standardError.write(Data(
                    "note: no Configuration type for algorithm '\(header.algorithm.rawValue)' is registered yet; only the common keys (name, seed, algorithm, env, total_steps, generations) were checked\n".utf8))
            }
        }
    }
}
