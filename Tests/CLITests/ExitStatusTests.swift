import Foundation
import XCTest

/// The one mapping from errors to exit status, as a user meets it: every
/// user error — a config, an argument, a run directory, a damaged or
/// foreign file, a run of another kind — is one `error: …` line on stderr
/// and status 2, whichever command met it; help is status 0.
final class ExitStatusTests: CLITestCase {
    private func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func assertUserError(_ arguments: [String], mentions: String, file: StaticString = #filePath,
                                 line: UInt = #line) throws {
        let r = try PopulusBinary.run(arguments)
        XCTAssertEqual(r.status, 2, "\(arguments): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.lowercased().hasPrefix("error"), "\(arguments): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(mentions), "\(arguments) should mention '\(mentions)': \(r.stderr)",
                      file: file, line: line)
    }

    func testEveryKindOfUserErrorExitsTwo() throws {
        let es = try file("es.yaml", """
            name: tiny
            algorithm: es
            env: CartPole-v1
            generations: 1
            es: {population_size: 8}
            policy: {hidden_sizes: [4]}
            evaluation: {max_steps: 20}
            """)
        let ppo = try file("ppo.yaml", "name: tiny\nalgorithm: ppo\nenv: CartPole-v1\ntotal_steps: 256\nppo: {num_envs: 1, num_steps: 64}\n")
        // Config errors: a missing file, a bad value, a key nobody asks for.
        try assertUserError(["evolve", directory.appendingPathComponent("none.yaml").path], mentions: "no such file")
        try assertUserError(["evolve", es, "--set", "es.population_size=7"], mentions: "population_size")
        try assertUserError(["train", ppo, "--set", "ppo.gama=0.9"], mentions: "gama")
        // Arguments.
        try assertUserError(["evolve", es, "--threads", "0"], mentions: "--threads")
        try assertUserError(["resume", directory.path, "--generations", "0"], mentions: "--generations")
        // Run directories: not a run, and a run that exists — for evolve and train alike.
        try assertUserError(["resume", directory.path], mentions: "is not a Populus run")
        XCTAssertEqual(try PopulusBinary.run(["evolve", es, "--populations", populations, "--quiet"]).status, 0)
        try assertUserError(["evolve", es, "--populations", populations], mentions: "already exists")
        XCTAssertEqual(try PopulusBinary.run(["train", ppo, "--populations", populations + "-train", "--quiet"]).status, 0)
        try assertUserError(["train", ppo, "--populations", populations + "-train"], mentions: "already exists")
        // A run of another kind, and the wrong command for a config.
        let run = directory.appendingPathComponent("populations/tiny").path
        try assertUserError(["compare", run], mentions: "compare reads evolved-objective runs")
        try assertUserError(["train", es], mentions: "populus evolve")
        // Damaged files.
        let checkpoints = directory.appendingPathComponent("populations/tiny/checkpoints")
        let newest = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: checkpoints.path)
            .filter { $0.hasSuffix(".ckpt") }.sorted().last)
        let damaged = checkpoints.appendingPathComponent(newest)
        var bytes = try Data(contentsOf: damaged)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: damaged)
        try assertUserError(["resume", run], mentions: newest)
        try assertUserError(["inspect", try file("junk.ckpt", "not a checkpoint")], mentions: "junk.ckpt")
    }

    func testHelpAndVersionExitZero() throws {
        let help = try PopulusBinary.run(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("evolve"))
        XCTAssertEqual(try PopulusBinary.run(["evolve", "--help"]).status, 0)
        XCTAssertEqual(try PopulusBinary.run(["--version"]).status, 0)
    }
}
