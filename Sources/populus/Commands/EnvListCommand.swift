import ArgumentParser
import Foundation
import PopulusKit

/// `populus env list`: every registered environment and family with its
/// aliases, spaces, splits and time limit.
struct EnvListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every environment and task family with its spaces, splits and time limit.")

    @Flag(name: .long, help: "Print one JSON object per family instead of the table.")
    var json = false

    func run() throws {
        for family in EnvironmentRegistry.standard.families {
            let limit = try family.makeEnvironment(family.task(seed: 0, split: .train, index: 0)).maxEpisodeSteps
            if json {
                print(jsonLine(family, limit: limit))
            } else {
                let aliases = family.aliases.isEmpty ? "" : " (\(family.aliases.joined(separator: ", ")))"
                print("\(family.name)\(aliases)")
                print("    \(family.summary)")
                print("    observation \(family.observationSpace)  action \(family.actionSpace)")
                print("    splits \(family.splits.map(\.rawValue).joined(separator: ", "))  "
                      + "max steps \(limit)")
            }
        }
    }

    func jsonLine(_ family: AnyTaskDistribution, limit: Int) -> String {
        let object: [String: Any] = [
            "name": family.name,
            "aliases": family.aliases,
            "summary": family.summary,
            "observation_space": "\(family.observationSpace)",
            "action_space": "\(family.actionSpace)",
            "splits": family.splits.map(\.rawValue),
            "max_episode_steps": limit,
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
