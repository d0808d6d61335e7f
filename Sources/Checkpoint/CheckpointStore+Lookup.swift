import Foundation

/// A path a user gave for a run's state led to no checkpoint.
public enum CheckpointLookupError: Error, Sendable, CustomStringConvertible {
    /// Nothing exists at the path.
    case missing(String)
    /// A directory without an intact checkpoint (of the kind asked for); the
    /// files skipped, newest first, with what is wrong with each.
    case noIntact(directory: String, kind: String?, skipped: [CheckpointError])

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no such run directory or checkpoint file"
        case .noIntact(let directory, let kind, let skipped):
            let what = kind.map { "'\($0)' checkpoint" } ?? "checkpoint"
            return "\(directory) holds no intact \(what)" + skipped.map { "\n  skipped: \($0)" }.joined()
        }
    }
}

extension CheckpointStore {
    /// The checkpoint a user means by `path`: the newest intact one of a run
    /// directory (`populations/<run>`, looking in its `checkpoints/`) or of a
    /// checkpoints directory, or the given checkpoint file itself (whose
    /// damage is its own `CheckpointError`).
    public static func newestIntact(at path: URL, kind: String? = nil) throws -> Checkpoint {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
            throw CheckpointLookupError.missing(path.path)
        }
        guard isDirectory.boolValue else { return try load(path, kind: kind) }
        let nested = path.appendingPathComponent("checkpoints")
        let directory = FileManager.default.fileExists(atPath: nested.path) ? nested : path
        let search = latestIntact(in: directory, kind: kind)
        guard let found = search.checkpoint else {
            throw CheckpointLookupError.noIntact(directory: directory.path, kind: kind, skipped: search.skipped)
        }
        return found
    }
}
