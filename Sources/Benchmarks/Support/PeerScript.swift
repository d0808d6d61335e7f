import PopulusKit
import ArgumentParser
import Foundation

/// Where every `bench` finds and runs its Python peer: one set of options
/// (`@OptionGroup var peers: PeerOptions`) and one runner.
struct PeerOptions: ParsableArguments {
    @Option(name: .long, help: "Directory of the peer scripts (default: Benchmarks/peers, found from the working directory or above the executable).")
    var peersDirectory: String?

    @Flag(name: .long, help: "Skip the Python peers even when they are installed.")
    var noPeers = false

    /// The peer script `name` ("evosax_cartpole.py"), or why it cannot run:
    /// skipped, not found, or its Python modules missing (`make bench-peers`
    /// installs them).
    func script(_ name: String, modules: [String]) -> Result<String, PeerUnavailable> {
        if noPeers { return .failure(PeerUnavailable("\(name) skipped (--no-peers)")) }
        let path = peersDirectory.map { $0 + "/" + name } ?? ProjectFiles.locate("Benchmarks/peers/" + name)
        guard let path, FileManager.default.fileExists(atPath: path) else {
            return .failure(PeerUnavailable("Benchmarks/peers/\(name) not found; pass --peers-directory"))
        }
        let list = modules.joined(separator: ", ")
        guard (try? PeerScript.python(["-c", "import \(list)"]))?.status == 0 else {
            return .failure(PeerUnavailable("\(list) not installed (python3 -c 'import \(list)' failed); `make bench-peers` installs them"))
        }
        return .success(path)
    }
}

/// Why a peer did not run, as the note a bench prints.
struct PeerUnavailable: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs a peer benchmark script with the machine's python3, JAX pinned to
/// the CPU, and returns its exit status and combined output.
enum PeerScript {
    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["JAX_PLATFORMS"] = "cpu"
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The last line of `output` that is a JSON object (a peer's result).
    static func lastJSONObject(_ output: String) -> [String: Any]? {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
}
