import ArgumentParser
import Checkpoint
import Foundation

extension Populus {
    /// `populus inspect populations/<name>`.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a run's generation, best and last fitness and the hex digest of its state (equal digests: bitwise-equal runs).",
            discussion: "Given a run directory it reads the newest intact checkpoint (damaged newer ones are reported on stderr); given a checkpoint file, that one."
        )

        @Argument(help: ArgumentHelp("A run directory (populations/<name>) or one of its checkpoint files.", valueName: "run"))
        var path: String

        func run() throws {
            try reportingFailures {
                let found = try CheckpointLocator.load(path, newestOnly: false)
                for problem in found.skipped {
                    FileHandle.standardError.write(Data("warning: skipped \(problem)\n".utf8))
                }
                guard let kind = RunKinds.forKind(found.checkpoint.kind) else {
                    throw UsageFailure("\(found.checkpoint.source ?? path): a '\(found.checkpoint.kind)' checkpoint; this populus reads: \(RunKinds.all.map(\.kind).joined(separator: ", "))")
                }
                let lines = [("run", found.directory.root.path), ("checkpoint", found.checkpoint.source ?? "")]
                    + (try kind.inspect(found.checkpoint))
                let width = lines.map(\.0.count).max() ?? 0
                for (label, value) in lines {
                    print(label + String(repeating: " ", count: width - label.count + 2) + value)
                }
            }
        }
    }
}
