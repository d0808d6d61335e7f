import Checkpoint
import Config
import Foundation
import POET

/// A run that writes files of its own next to `metrics.csv` (POET's
/// `events.jsonl`): it is attached to its directory before the driver takes
/// it, and on resume the file is rewritten to match the checkpoint.
protocol DirectoryAttaching {
    mutating func attach(to directory: RunDirectory) throws
}

extension POETRun: DirectoryAttaching {}

extension RunKind {
    /// POET: the generic session plus `events.jsonl` (see `AttachedSession`).
    static var poet: RunKind {
        RunKind(algorithm: .poet, kind: POETRun.kind,
                evolve: AttachedSession<POETRun>.evolve, resume: AttachedSession<POETRun>.resume,
                inspect: { try Session<POETRun>.inspect($0) },
                resolvedYAML: { try $0.resolvedYAML(POETConfiguration.self) })
    }
}

/// `Session`'s evolve and resume for a `DirectoryAttaching` run, with
/// `attach(to:)` called on the run before the driver copies it. (Once
/// `PopulationRun` itself has the hook and the driver calls it, this gives
/// way to `RunKind(.poet, POETRun.self)`.)
enum AttachedSession<Run: PopulationRun & DirectoryAttaching & SendableMetatype> where Run.Configuration: RunConfiguration {
    @Sendable static func evolve(_ document: ConfigDocument, _ settings: SessionSettings) throws {
        try Session<Run>.evolve(document, settings) { run, directory in try run.attach(to: directory) }
    }

    @Sendable static func resume(_ checkpoint: Checkpoint, in directory: RunDirectory, _ settings: SessionSettings) throws {
        try Session<Run>.resume(checkpoint, in: directory, settings) { run, directory in try run.attach(to: directory) }
    }
}
