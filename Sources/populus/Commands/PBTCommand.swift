import ArgumentParser
import PopulusKit
import Foundation

/// `populus pbt …`: PBT's own tools (runs themselves go through `evolve`).
struct PBTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pbt",
        abstract: "Population Based Training tools: a member's hyperparameter schedule, PBT against random search, PBT's overhead.",
        discussion: "Run PBT itself with `populus evolve Configs/pbt-cartpole.yaml`; draw it with `populus report populations/<run>`.",
        subcommands: [PBTScheduleCommand.self, PBTVersusRandomCommand.self, PBTOverheadCommand.self]
    )
}
