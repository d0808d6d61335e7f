import ArgumentParser
import Foundation
import PopulusKit

/// `populus zoo export RUN --output zoo/NAME.phi`.
struct ZooCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zoo",
        abstract: "Evolved objectives as small versioned files (zoo/*.phi) that train and compare anywhere.",
        subcommands: [ZooExportCommand.self]
    )
}

struct ZooExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an lpo run's drift (its best validated φ, or the final search mean) as an objective file.",
        discussion: "  populus zoo export populations/lpo-cartpole-s1 --output zoo/lpo-cartpole-s1.phi --result \"…\"")

    @OptionGroup var target: RunPathArgument

    @Option(help: ArgumentHelp("The file to write (zoo/<name>.phi).", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("Which φ: best (the best validated, the default) or final (the last search mean).", valueName: "which"))
    var phi = "best"

    @Option(help: ArgumentHelp("One line on how it did, kept in the file.", valueName: "text"))
    var result = ""

    @Option(help: ArgumentHelp("The commit of the build that evolved it (kept in the file).", valueName: "hash"))
    var commit = "unknown"

    func validate() throws {
        guard phi == "best" || phi == "final" else { throw ValidationError("--phi '\(phi)' is not accepted; use best or final") }
        guard output.hasSuffix(".phi") else { throw ValidationError("--output must name a .phi file, got '\(output)'") }
    }

    func run() throws {
        let saved = try SavedCheckpoint.locate(target.path, policy: .newestIntact)
        try saved.require(kind: LPOSections.kind, for: "zoo export")
        let config = try SavedRun<LPORun>.configuration(of: saved.checkpoint)
        let (genome, which) = try SavedLosses(saved.checkpoint).choose(best: phi == "best")
        let file = ObjectiveFile(objective: config.objective, env: config.env, seed: config.seed,
                                 generations: saved.checkpoint.generation, commit: commit, result: result, genome: genome)
        try file.write(to: URL(fileURLWithPath: output))
        print("wrote \(output): \(which), \(genome.count) values")
    }
}
