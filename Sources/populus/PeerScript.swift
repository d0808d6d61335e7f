import Foundation

/// Runs a peer benchmark script (Benchmarks/peers/*.py) with the machine's
/// python3, JAX pinned to the CPU, and returns its exit status and combined
/// output. Every `bench` subcommand compares against its peer through this.
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
}
