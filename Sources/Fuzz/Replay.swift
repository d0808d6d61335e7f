import Foundation

/// `populus-fuzz replay TARGET PATH…`: every file (or every file of every
/// directory) through the target, as a normal build runs it in `make test`.
/// Refused inputs are counted, not failures; a trap ends the process, and
/// the handler below first names the input that caused it, as does a hang
/// (an input that takes longer than `timeoutSeconds`).
enum Replay {
    static let timeoutSeconds: UInt32 = 20
    /// `POPULUS_FUZZ_VERBOSE=1`: print each refused input's error.
    static let verbose = ProcessInfo.processInfo.environment["POPULUS_FUZZ_VERBOSE"] == "1"

    /// Runs `target` on every file under `paths`; returns (inputs, refused).
    static func run(_ target: FuzzTarget, paths: [String]) throws -> (inputs: Int, refused: Int) {
        var files: [String] = []
        for path in paths { files += try Self.files(at: path) }
        Crash.installHandlers()
        var refused = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ReplayError("\(file): cannot be read")
            }
            Crash.current(target: target.name, file: file)
            alarm(timeoutSeconds)
            do {
                try target.run(Array(data))
            } catch {
                refused += 1
                if verbose { print("  \(file): \(error)") }
            }
            alarm(0)
        }
        Crash.current(target: target.name, file: nil)
        return (files.count, refused)
    }

    /// The regular files at `path`: itself, or a directory's, sorted by name (hidden ones skipped).
    static func files(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReplayError("\(path): no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            .filter { !$0.hasPrefix(".") }
            .map { (path as NSString).appendingPathComponent($0) }
    }
}

/// A replay problem said in a sentence (exit status 2).
struct ReplayError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Names the input being replayed when the process dies on a signal (a
/// trap, an abort, a bad access, or the replay's alarm), then lets it die.
enum Crash {
    nonisolated(unsafe) static var message: [UInt8] = []

    static func current(target: String, file: String?) {
        message = file.map { Array("populus-fuzz: \(target) input \($0) crashed or hung\n".utf8) } ?? []
    }

    static func installHandlers() {
        for sig in [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGALRM] {
            signal(sig) { received in
                Crash.message.withUnsafeBufferPointer { p in _ = write(2, p.baseAddress, p.count) }
                signal(SIGABRT, SIG_DFL)
                signal(received, SIG_DFL)
                raise(received == SIGALRM ? SIGABRT : received)
            }
        }
    }
}
