import Checkpoint

/// A problem with what the user asked a run to do — a path that is not a
/// run, a budget below the checkpoint, a run of another kind — as the
/// sentence the user sees. Commands print it and exit with status 2.
public struct RunError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}

/// A run whose write to its directory failed (a full file system, a
/// read-only directory, an I/O error): the failure (file and errno), and the
/// newest checkpoint, untouched, that `resume` continues from once the cause
/// is fixed. Commands exit with status 1.
public struct RunWriteFailure: Error, Sendable, CustomStringConvertible {
    public let error: CheckpointError
    /// The generation of the newest checkpoint on disk, if any.
    public let kept: Int?
    /// The run directory.
    public let path: String

    public init(error: CheckpointError, kept: Int?, path: String) {
        self.error = error
        self.kept = kept
        self.path = path
    }

    public var description: String {
        let resume = kept.map { "; the checkpoint of generation \($0) is intact: once the cause is fixed, continue with: populus resume \(path)" } ?? ""
        return "\(error)\(resume)"
    }
}
