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
        let process = Process()
        process.executableURL = try url()
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

    /// Starts `populus arguments…` and SIGKILLs it `settle` µs after `path`
    /// appears — mid-generation, with rows (and maybe a temporary checkpoint)
    /// written past its last complete checkpoint — and checks that the kill,
    /// not the end of the run, stopped it.
    static func startAndKill(_ arguments: [String], whenExists path: String, settle: useconds_t = 2_000,
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(600)
        while process.isRunning && Date() < deadline && !FileManager.default.fileExists(atPath: path) {
            usleep(500)
        }
        usleep(settle)
        XCTAssertTrue(process.isRunning, "\(arguments[0]) finished before it could be killed", file: file, line: line)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "\(arguments[0]) was not killed", file: file, line: line)
        XCTAssertEqual(process.terminationStatus, SIGKILL, file: file, line: line)
    }
}
