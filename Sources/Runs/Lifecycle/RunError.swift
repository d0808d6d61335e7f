/// A problem with what the user asked a run to do — a path that is not a
/// run, a budget below the checkpoint, a run of another kind — as the
/// sentence the user sees. Commands print it and exit with status 2.
public struct RunError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}

/// A run stopped by SIGINT or SIGTERM after writing its checkpoint: the
/// command exits with 128 + the signal's number (130, 143).
public struct RunStopped: Error, Sendable, Equatable, CustomStringConvertible {
    /// The signal that asked for the stop.
    public let signal: Int32
    public init(signal: Int32) { self.signal = signal }
    public var exitStatus: Int32 { 128 + signal }
    public var description: String { "stopped by signal \(signal)" }
}
