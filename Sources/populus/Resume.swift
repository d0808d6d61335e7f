import ArgumentParser
import Checkpoint
import Foundation

extension Populus {
    /// `populus resume populations/<name> [--generations N]`.
    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Continue a run from its newest checkpoint (or from a given checkpoint file), bit for bit as if it had never stopped.",
            discussion: "A damaged checkpoint (truncated, bit-flipped, another version, not a checkpoint) is refused with exit status 2, naming the file, the problem and the newest intact older checkpoint to resume from instead."
        )

        @Argument(help: ArgumentHelp("A run directory (populations/<name>) or one of its checkpoint files.", valueName: "run"))
        var path: String

        @Option(help: ArgumentHelp("The new budget G in generations (the config's `generations` otherwise).", valueName: "n"))
        var generations: Int?

        @OptionGroup var execution: ExecutionOptions

        func validate() throws {
            if let generations, generations < 1 {
                throw ValidationError("--generations must be at least 1, got \(generations)")
            }
        }

        func run() throws {
            var settings = execution.settings
            settings.generations = generations
            try reportingFailures {
                let found = try CheckpointLocator.load(path, newestOnly: true)
                guard let kind = RunKinds.forKind(found.checkpoint.kind) else {
                    throw UsageFailure("\(found.checkpoint.source ?? path): a '\(found.checkpoint.kind)' checkpoint; this populus resumes: \(RunKinds.all.map(\.kind).joined(separator: ", "))")
                }
                try kind.resume(found.checkpoint, found.directory, settings)
            }
        }
    }
}

/// Finds the checkpoint a command means by a path: a run directory (its
/// newest checkpoint) or a checkpoint file inside `<run>/checkpoints/`.
enum CheckpointLocator {
    struct Found {
        let checkpoint: Checkpoint
        let directory: RunDirectory
        /// Newer files that were skipped as unusable (only when `newestOnly` is false).
        let skipped: [CheckpointError]
    }

    /// With `newestOnly`, an unusable newest checkpoint is an error
    /// (`CheckpointLoadFailure`, offering the newest intact older one);
    /// otherwise the newest intact one is used and the others are reported.
    static func load(_ path: String, newestOnly: Bool) throws -> Found {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw UsageFailure("\(path): no such run directory or checkpoint file")
        }
        if !isDirectory.boolValue {
            let checkpoint = try CheckpointStore.loadOrOfferOlder(url)
            let root = url.deletingLastPathComponent().deletingLastPathComponent()
            return Found(checkpoint: checkpoint, directory: try RunDirectory.open(root), skipped: [])
        }
        let directory = try RunDirectory.open(url)
        let store = try directory.checkpoints()
        guard let newest = store.list().last else {
            throw UsageFailure("\(directory.checkpointsURL.path) holds no checkpoint (gen-*.ckpt) to continue from")
        }
        if newestOnly {
            return Found(checkpoint: try CheckpointStore.loadOrOfferOlder(newest.url), directory: directory, skipped: [])
        }
        let search = CheckpointStore.latestIntact(in: directory.checkpointsURL)
        guard let checkpoint = search.checkpoint else {
            let problems = search.skipped.map { "  \($0)" }.joined(separator: "\n")
            throw UsageFailure("\(directory.checkpointsURL.path) holds no intact checkpoint:\n\(problems)")
        }
        return Found(checkpoint: checkpoint, directory: directory, skipped: search.skipped)
    }
}
