import ArgumentParser
import Foundation
import PopulusKit

/// The one mapping from errors to what the user sees and the exit status:
///
/// | status | when |
/// |---|---|
/// | 0 | done (also `--help`, `--version`) |
/// | 2 | a user error: a config, an argument, a run directory, a damaged or foreign file, a run of another kind |
/// | 128 + n | stopped by signal n, the newest checkpoint kept (130: SIGINT, 143: SIGTERM; `StopSignal`) |
/// | 1 | anything else (a file system that refuses a write, a bug): `error: …` |
enum ExitStatus {
    /// Exit status of a user error.
    static let userError: Int32 = 2

    /// The status and message (nil: none to print) for `error`.
    static func resolve(_ error: any Error) -> (status: Int32, message: String?) {
        switch error {
        case let failure as RunWriteFailure:
            return (1, failure.description)
        case let failure as CheckpointLoadFailure:
            var message = failure.description
            if let older = failure.olderIntact { message += "\nto continue from it: populus resume \(older.path)" }
            return (userError, message)
        case is ConfigError, is RunError, is RunDirectoryError, is CheckpointError, is EvolutionError,
             is EnvironmentError, is ParametricError, is POETError, is LineageError, is SpaceError, is EPGError,
             is AgentError, is ByteReaderError, is ObjectiveFileError:
            return (userError, "\(error)")
        default:
            break
        }
        // ArgumentParser's own errors: a bad argument is a user error too.
        let code = Populus.exitCode(for: error)
        if code == .validationFailure {
            return (userError, Populus.fullMessage(for: error))
        }
        if code == .success {
            return (0, Populus.fullMessage(for: error))
        }
        if error is ExitCode { return (code.rawValue, nil) }
        return (1, "\(error)")
    }

    /// Prints the message of `error` (help to stdout, errors to stderr) and exits.
    static func exit(with error: any Error) -> Never {
        let (status, message) = resolve(error)
        if let message, !message.isEmpty {
            if status == 0 {
                print(message)
            } else {
                let text = message.hasPrefix("Error:") || message.hasPrefix("Usage:") ? message : "error: \(message)"
                FileHandle.standardError.write(Data((text + "\n").utf8))
            }
        }
        Foundation.exit(status)
    }
}
