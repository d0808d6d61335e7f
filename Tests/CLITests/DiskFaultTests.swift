import Foundation
import XCTest

/// Writes that fail, as the kernel fails them: a file-size limit (`ulimit -f`,
/// the same short write and error a full file system gives, half-way through a
/// checkpoint or a metrics row) and a run directory that refuses a file. The
/// run stops with exit status 1 and one message naming the file and the errno,
/// the previous checkpoint stays intact, and `resume` then ends bit for bit
/// where a straight run ends.
final class DiskFaultTests: CLITestCase {
    private let generations = 40

    private func config(name: String) throws -> String {
        let url = directory.appendingPathComponent("\(name).yaml")
        try """
            name: \(name)
            seed: 11
            algorithm: es
            env: CartPole-v1
            generations: \(generations)
            checkpoint_every: 1
            keep_checkpoints: \(generations + 1)
            es: {population_size: 16, sigma: 0.1, learning_rate: 0.05}
            policy: {hidden_sizes: [8]}
            evaluation: {max_steps: 100}
            """.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func digest(_ run: String) throws -> String {
        let r = try PopulusBinary.run(["inspect", run])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.lines.first { $0.hasPrefix("digest ") } ?? "none"
    }

    private func newestCheckpoint(_ run: String) throws -> String? {
        try FileManager.default.contentsOfDirectory(atPath: "\(run)/checkpoints").filter { $0.hasSuffix(".ckpt") }.max()
    }

    private func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// `populus arguments…` under `ulimit -f kib`.
    private func limited(_ kib: Int, _ arguments: [String]) throws -> PopulusBinary.Result {
        let binary = try PopulusBinary.url().path
        return try PopulusBinary.run(shell: "ulimit -f \(kib) && exec \"$0\" \"$@\"", [binary] + arguments)
    }

    func testAFileSizeLimitStopsTheRunWithTheErrnoAndResumeContinuesExactly() throws {
        let straight = try PopulusBinary.run(["evolve", try config(name: "straight"), "--populations", populations, "--quiet"])
        XCTAssertEqual(straight.status, 0, straight.stderr)
        let want = try digest("\(populations)/straight")
        // A limit that the run's files pass around generation 10 (checkpoints and metrics.csv grow every generation).
        let tenth = try size("\(populations)/straight/checkpoints/gen-00000010.ckpt")
        let last = try size("\(populations)/straight/checkpoints/gen-\(String(format: "%08d", generations)).ckpt")
        let kib = (tenth + 1023) / 1024
        XCTAssertGreaterThan(last, kib * 1024, "the checkpoints must outgrow the limit for this test to mean anything")

        let run = "\(populations)/full"
        let failed = try limited(kib, ["evolve", try config(name: "full"), "--populations", populations, "--quiet"])
        XCTAssertEqual(failed.status, 1, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("File too large (errno 27)") && failed.stderr.contains(run), failed.stderr)
        XCTAssertTrue(failed.stderr.contains("is intact: once the cause is fixed, continue with: populus resume \(run)"),
                      failed.stderr)
        let kept = try XCTUnwrap(try newestCheckpoint(run))
        XCTAssertLessThan(kept, "gen-\(String(format: "%08d", generations)).ckpt", "stopped before the end")
        XCTAssertTrue(failed.stderr.contains("the checkpoint of generation \(Int(kept.dropFirst(4).prefix(8))!) is intact"),
                      failed.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: "\(run)/checkpoints").filter { $0.hasPrefix(".") },
                       [], "no temporary left behind")
        let inspect = try PopulusBinary.run(["inspect", run])
        XCTAssertEqual(inspect.status, 0, "the kept checkpoint loads: \(inspect.stderr)")

        // Space is back.
        let resumed = try PopulusBinary.run(["resume", run, "--quiet"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try digest(run), want)
    }

    func testARunDirectoryThatRefusesAFileStopsTheResumeAndNothingIsLost() throws {
        let path = try config(name: "refusing")
        let first = try PopulusBinary.run(["evolve", path, "--populations", populations, "--quiet", "--set", "generations=6"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let run = "\(populations)/refusing"
        // metrics.csv cannot be replaced while a non-empty directory stands in its place.
        let metrics = "\(run)/metrics.csv"
        try FileManager.default.removeItem(atPath: metrics)
        try FileManager.default.createDirectory(atPath: "\(metrics)/blocked", withIntermediateDirectories: true)
        let refused = try PopulusBinary.run(["resume", run, "--generations", "\(generations)", "--quiet"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains(metrics) && refused.stderr.contains("(errno "), refused.stderr)
        XCTAssertEqual(try newestCheckpoint(run), "gen-00000006.ckpt")

        try FileManager.default.removeItem(atPath: metrics)
        let resumed = try PopulusBinary.run(["resume", run, "--generations", "\(generations)", "--quiet"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let straight = try PopulusBinary.run(["evolve", try config(name: "whole"), "--populations", populations, "--quiet"])
        XCTAssertEqual(straight.status, 0, straight.stderr)
        XCTAssertEqual(try digest(run), try digest("\(populations)/whole"))
    }
}
