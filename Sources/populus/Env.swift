import ArgumentParser
import Foundation

extension Populus {
    /// `populus env …`: the environments and task families, listed and run.
    struct Env: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "env",
            abstract: "List the environments and task families, or roll one out step by step as JSON.",
            subcommands: [EnvList.self, EnvRollout.self]
        )
    }
}

/// A user-input error of an `env` command: printed as `error: …` on stderr,
/// exit status 2.
struct EnvInputError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Runs `body`, turning any thrown error into `error: …` on stderr and exit 2.
func exitTwoOnError(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(2)
    }
}
