import ArgumentParser
import Foundation
import PopulusKit

/// `populus config check FILE [--set k=v …]`.
struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load a config with its --set overrides and print it resolved, or name the file, line and key that is wrong (exit status 2)."
    )

    @OptionGroup var options: ConfigOptions

    /// The config type of each algorithm: the run kinds', and `train`'s PPO.
    static var resolvers: [Algorithm: @Sendable (ConfigDocument) throws -> String] {
        var table = Dictionary(uniqueKeysWithValues: RunKinds.populus.all.map { ($0.algorithm, $0.resolvedYAML) })
        table[.ppo] = { try $0.resolvedYAML(PPOConfiguration.self) }
        return table
    }

    func run() throws {
        let document = try options.document()
        let header = try document.header()
        if let resolve = Self.resolvers[header.algorithm] {
            print(try resolve(document), terminator: "")
        } else {
            print(try document.yamlResolvingHeader(), terminator: "")
            FileHandle.standardError.write(Data(
                "note: no Configuration type for algorithm '\(header.algorithm.rawValue)' is registered yet; only the common keys (name, seed, algorithm, env, total_steps, generations) were checked\n".utf8))
        }
    }
}
