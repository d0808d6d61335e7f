import ArgumentParser
import Foundation
import PopulusKit

/// `populus inspect populations/<name>`.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a run's generation, best and last fitness and the hex digest of its state (equal digests: bitwise-equal runs).",
        discussion: "Given a run directory it reads the newest intact checkpoint (damaged newer ones are reported on stderr); given a checkpoint file, that one."
    )

    @OptionGroup var target: RunPathArgument

    func run() throws {
        let saved = try SavedCheckpoint.locate(target.path, policy: .newestIntact)
        warnSkipped(saved)
        let lines = [("run", saved.directory.root.path), ("checkpoint", saved.source)]
            + (try RunKinds.populus.forCheckpoint(saved).inspect(saved))
        let width = lines.map(\.0.count).max() ?? 0
        for (label, value) in lines {
            print(label + String(repeating: " ", count: width - label.count + 2) + value)
        }
    }
}

/// Damaged checkpoints newer than the one read, on stderr.
func warnSkipped(_ saved: SavedCheckpoint) {
    for problem in saved.skipped {
        FileHandle.standardError.write(Data("warning: skipped \(problem)\n".utf8))
    }
}
