import ArgumentParser
import Foundation
import PopulusKit

/// `populus evolve CONFIG [--set k=v …] [--threads N]`.
struct EvolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evolve",
        abstract: "Run a population algorithm from a YAML config into populations/<name>/ (config.yaml, metrics.csv, checkpoints/), with a progress line; Ctrl-C stops cleanly after a checkpoint.",
        discussion: "Algorithms: \(RunKinds.populus.algorithms). Results are bitwise identical for any --threads; `populus resume` continues a stopped or killed run exactly."
    )

    @OptionGroup var options: ConfigOptions
    @OptionGroup var execution: ExecutionOptions

    @Option(help: ArgumentHelp("The directory run directories are created in.", valueName: "dir"))
    var populations = "populations"

    @Flag(help: "Replace an existing run of the same name (its checkpoints and metrics are deleted).")
    var overwrite = false

    func run() throws {
        let document = try options.document()
        let kind = try RunKinds.populus.forAlgorithm(try document.header().algorithm, file: options.config)
        var settings = execution.settings(populations: populations)
        settings.overwrite = overwrite
        try kind.evolve(document, settings)
    }
}
