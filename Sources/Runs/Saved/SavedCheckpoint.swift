import Checkpoint
import Foundation

/// The checkpoint a user means by a path, and the run directory it belongs
/// to: the one place `resume`, `inspect`, `compare`, `report`, `poet show`
/// and EPG's warm start find a saved run.
///
/// A path is a run directory (`populations/<run>`), its `checkpoints/`
/// folder, or one checkpoint file inside it.
///
///     let saved = try SavedCheckpoint.locate("populations/es-cartpole", policy: .newestIntact)
///     print(saved.checkpoint.generation, saved.directory.name)
public struct SavedCheckpoint: Sendable {
    /// Which checkpoint of a directory counts.
    public enum Policy: Sendable {
        /// The newest file, which must be intact: a damaged newest checkpoint
        /// is an error offering the newest intact older one (`resume`: never
        /// silently continue from an older state).
        case newest
        /// The newest intact file; damaged newer ones are reported in `skipped`
        /// (`inspect`, `compare`, `report`: read what can be read).
        case newestIntact
    }

    public let checkpoint: Checkpoint
    public let directory: RunDirectory
    /// Newer files that were skipped as damaged (`.newestIntact` only), newest first.
    public let skipped: [CheckpointError]

    /// The checkpoint at `path` under `policy`; a file path is used as it is.
    /// `forWriting` takes the run's lock (`RunLock`) before any checkpoint is
    /// read, so a second writer is refused before it reads a state the first
    /// one is about to supersede. Throws `RunError` (nothing there, no
    /// checkpoint), `RunDirectoryError` (also: locked by another process),
    /// `CheckpointError` or `CheckpointLoadFailure`, each naming the path.
    public static func locate(_ path: String, policy: Policy, forWriting: Bool = false) throws -> SavedCheckpoint {
        var url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw RunError("\(path): no such run directory or checkpoint file")
        }
        if !isDirectory.boolValue {
            let root = url.deletingLastPathComponent().deletingLastPathComponent()
            if forWriting, (try? RunDirectory.open(root)) != nil { try RunLock.acquire(root) }
            let checkpoint = try CheckpointStore.loadOrOfferOlder(url)
            return SavedCheckpoint(checkpoint: checkpoint, directory: try RunDirectory.open(root), skipped: [])
        }
        if url.lastPathComponent == "checkpoints",
           !FileManager.default.fileExists(atPath: url.appendingPathComponent("config.yaml").path) {
            url = url.deletingLastPathComponent()
        }
        let directory = try forWriting ? RunDirectory.openForWriting(url) : RunDirectory.open(url)
        let store = try directory.checkpoints()
        guard let newest = store.list().last else {
            throw RunError("\(directory.checkpointsURL.path) holds no checkpoint (gen-*.ckpt) to continue from")
        }
        switch policy {
        case .newest:
            return SavedCheckpoint(checkpoint: try CheckpointStore.loadOrOfferOlder(newest.url), directory: directory,
                                   skipped: [])
        case .newestIntact:
            let search = CheckpointStore.latestIntact(in: directory.checkpointsURL)
            guard let checkpoint = search.checkpoint else {
                let problems = search.skipped.map { "  \($0)" }.joined(separator: "\n")
                throw RunError("\(directory.checkpointsURL.path) holds no intact checkpoint:\n\(problems)")
            }
            return SavedCheckpoint(checkpoint: checkpoint, directory: directory, skipped: search.skipped)
        }
    }

    /// The file name for messages ("populations/x/checkpoints/gen-00000012.ckpt").
    public var source: String { checkpoint.source ?? directory.checkpointsURL.path }

    /// The resolved YAML the run was started (or last resumed) with.
    public func configText() throws -> String { try checkpoint.text(Checkpoint.config) }

    /// The metrics table the checkpoint carries (one row per completed generation).
    public func metrics() throws -> MetricsTable {
        do {
            return try MetricsTable(encoded: try checkpoint.section(Checkpoint.metrics))
        } catch let error as ByteReaderError {
            throw CheckpointError(file: source, problem: .malformed("metrics: \(error)"))
        }
    }

    /// Refuses a checkpoint of another run kind.
    public func require(kind: String, for purpose: String) throws {
        guard checkpoint.kind == kind else {
            throw RunError("\(source): a '\(checkpoint.kind)' run; \(purpose) reads '\(kind)' runs")
        }
    }
}
