import ArgumentParser
import Foundation
import PopulusKit

/// `populus resume populations/<name> [--generations N]`.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a run from its newest checkpoint (or from a given checkpoint file), bit for bit as if it had never stopped.",
        discussion: "A damaged checkpoint (truncated, bit-flipped, another version, not a checkpoint) is refused with exit status 2, naming the file, the problem and the newest intact older checkpoint to resume from instead."
    )

    @OptionGroup var target: RunPathArgument

    @Option(help: ArgumentHelp("The new budget G in generations (the config's `generations` otherwise).", valueName: "n"))
    var generations: Int?

    @OptionGroup var execution: ExecutionOptions

    func validate() throws {
        if let generations, generations < 1 {
            throw ValidationError("--generations must be at least 1, got \(generations)")
        }
    }

    func run() throws {
        var settings = execution.settings()
        settings.generations = generations
        let saved = try SavedCheckpoint.locate(target.path, policy: .newest, forWriting: true)
        try RunKinds.populus.forCheckpoint(saved).resume(saved, settings)
    }
}
