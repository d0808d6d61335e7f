import Foundation
import XCTest

/// Runs the built `populus` executable as a user would and captures its exit
/// status, stdout and stderr. Shared by the CLI tests.
///
/// The binary is looked up, in order: `$POPULUS_BINARY`; next to the test
/// bundle (SwiftPM puts products and the `.xctest` bundle in the same
/// `.build/<triple>/<config>/` directory, whatever `--scratch-path` or `-c`);
/// then `.build/{debug,release}/populus` under the package root found from
/// this file's path.
enum PopulusBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        /// stdout split into lines, without the trailing empty one.
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    struct NotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "populus is not built (swift build --product populus); looked at: \(searched.joined(separator: ", "))"
        }
    }

    static func candidates(file: String = #filePath) -> [URL] {
        var urls: [URL] = []
        if let env = ProcessInfo.processInfo.environment["POPULUS_BINARY"], !env.isEmpty {
            urls.append(URL(fileURLWithPath: env))
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            urls.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("populus"))
        }
        urls.append(Bundle.main.bundleURL.appendingPathComponent("populus"))
        if let executable = Bundle.main.executableURL {
            urls.append(executable.deletingLastPathComponent().appendingPathComponent("populus"))
        }
        // Tests/CLITests/PopulusBinary.swift → the package root.
        let root = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for config in ["debug", "release"] {
            urls.append(root.appendingPathComponent(".build/\(config)/populus"))
        }
        return urls
    }

    /// The binary to run.
    static func url() throws -> URL {
        let all = candidates()
        guard let found = all.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw NotFound(searched: all.map(\.path))
        }
        return found
    }

    /// Runs `populus arguments…` to completion.
    static func run(_ arguments: [String]) throws -> Result {
        try run(executable: try url(), arguments)
    }

    /// Runs the bash `script` with `arguments` as `$0 $1 …` (e.g. a `ulimit` before `exec populus`).
    static func run(shell script: String, _ arguments: [String]) throws -> Result {
        try run(executable: URL(fileURLWithPath: "/bin/bash"), ["-c", script] + arguments)
    }

    private static func run(executable: URL, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain stderr on another thread so neither pipe can fill and block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    /// A `populus` process started in the background, its stderr collected in a file.
    final class Background {
        let process = Process()
        let stderrURL: URL

        init(_ arguments: [String]) throws {
            process.executableURL = try PopulusBinary.url()
            process.arguments = arguments
            stderrURL = FileManager.default.temporaryDirectory.appendingPathComponent("populus-stderr-\(UUID().uuidString)")
            FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: stderrURL)
            try process.run()
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: stderrURL)
        }

        var pid: Int32 { process.processIdentifier }

        /// Waits (up to `timeout` s) until `path` exists while the process runs; false if it ended first.
        func wait(forFile path: String, timeout: Double = 600) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline && !FileManager.default.fileExists(atPath: path) { usleep(500) }
            return process.isRunning && FileManager.default.fileExists(atPath: path)
        }

        /// Sends `signal` and waits for the end; the seconds from the signal to the exit.
        func stop(_ signal: Int32) -> Double {
            let sent = Date()
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            return Date().timeIntervalSince(sent)
        }

        var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
    }

    /// Starts `populus arguments…` and stops it with `signal` `settle` µs after
    /// `path` appears — mid-generation, with rows (and maybe a temporary
    /// checkpoint) written past its last complete checkpoint — and checks that
    /// the signal, not the end of the run, stopped it: SIGKILL kills it;
    /// SIGINT and SIGTERM make it exit 128 + n at once with the line naming
    /// the checkpoint kept and the resume command. Returns the seconds from
    /// the signal to the exit.
    @discardableResult
    static func startAndKill(_ arguments: [String], whenExists path: String, settle: useconds_t = 2_000,
                             signal: Int32 = SIGKILL, file: StaticString = #filePath, line: UInt = #line) throws -> Double {
        let background = try Background(arguments)
        _ = background.wait(forFile: path)
        usleep(settle)
        XCTAssertTrue(background.process.isRunning, "\(arguments[0]) finished before it could be stopped", file: file, line: line)
        let seconds = background.stop(signal)
        let process = background.process
        if signal == SIGKILL {
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "\(arguments[0]) was not killed", file: file, line: line)
            XCTAssertEqual(process.terminationStatus, SIGKILL, file: file, line: line)
        } else {
            let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
            XCTAssertEqual(process.terminationReason, .exit, background.stderr, file: file, line: line)
            XCTAssertEqual(process.terminationStatus, 128 + signal, background.stderr, file: file, line: line)
            let text = background.stderr
            XCTAssertTrue(text.contains("stopped by \(name): checkpoint of generation") && text.contains("populus resume "),
                          text, file: file, line: line)
        }
        return seconds
    }
}
