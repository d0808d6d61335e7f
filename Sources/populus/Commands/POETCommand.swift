import ArgumentParser
import PopulusKit
import Foundation

/// `populus poet …`: looking inside a POET run.
struct POETCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poet",
        abstract: "Look inside a POET run: draw an environment's course and its agent's trajectory.",
        subcommands: [POETShowCommand.self]
    )
}
