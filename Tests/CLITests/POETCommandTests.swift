import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `populus evolve Configs/poet-quick.yaml`, killed with SIGKILL and resumed,
/// ends bitwise equal to a run that went straight through; `inspect` and
/// `poet show` describe it.
final class POETCommandTests: CLITestCase {
    private var config: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Configs/poet-quick.yaml").path
    }

    /// The `digest` line of `populus inspect`.
    private func digest(_ run: URL) throws -> String {
        let r = try PopulusBinary.run(["inspect", run.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(r.lines.first { $0.hasPrefix("digest") })
    }

    /// metrics.csv without its wall-clock column (the only one allowed to differ).
    private func metrics(_ run: URL) throws -> [String] {
        let lines = try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let wall = try XCTUnwrap(lines.first?.firstIndex(of: "wall_seconds"))
        return lines.map { row in row.enumerated().filter { $0.offset != wall }.map(\.element).joined(separator: ",") }
    }

    func testTheQuickConfigKilledAndResumedFinishesBitwiseLikeAStraightRun() throws {
        let straight = directory.appendingPathComponent("straight")
        let r = try PopulusBinary.run(["evolve", config, "--populations", straight.path, "--quiet", "--threads", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let straightRun = straight.appendingPathComponent("poet-quick")

        // The same config, SIGKILLed once its generation-20 checkpoint is on disk.
        let killed = directory.appendingPathComponent("killed")
        let killedRun = killed.appendingPathComponent("poet-quick")
        try PopulusBinary.startAndKill(["evolve", config, "--populations", killed.path, "--quiet", "--threads", "1"],
                                       whenExists: killedRun.appendingPathComponent("checkpoints/gen-00000020.ckpt").path,
                                       settle: 0, signal: SIGTERM)

        let resumed = try PopulusBinary.run(["resume", killedRun.path, "--quiet", "--threads", "2"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try digest(killedRun), try digest(straightRun))
        XCTAssertEqual(try metrics(killedRun), try metrics(straightRun))
        // events.jsonl: rewritten from the checkpoint on resume, so no line is lost or repeated.
        let events = try Data(contentsOf: straightRun.appendingPathComponent("events.jsonl"))
        XCTAssertEqual(try Data(contentsOf: killedRun.appendingPathComponent("events.jsonl")), events)
        let lines = String(decoding: events, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains("\"event\":\"scores\"") }.count, 60, "one scores line per iteration")
        XCTAssertTrue(lines.contains { $0.contains("\"event\":\"created\"") && $0.contains("\"parent\":0") })

        // inspect lists environments with encodings and scores, and ANNECS.
        let inspect = try PopulusBinary.run(["inspect", straightRun.path])
        XCTAssertTrue(inspect.lines.contains { $0.hasPrefix("ANNECS") }, inspect.stdout)
        XCTAssertTrue(inspect.lines.contains { $0.hasPrefix("active ") && $0.contains("pits") && $0.contains("score") },
                      inspect.stdout)
        // Capacity 3: the flat start has retired to the archive.
        XCTAssertTrue(inspect.lines.contains { $0.hasPrefix("archived 0") && $0.contains("flat") }, inspect.stdout)

        // poet show draws the course and the agent's path.
        let svg = directory.appendingPathComponent("env-0.svg")
        let show = try PopulusBinary.run(["poet", "show", straightRun.path, "0", "--output", svg.path])
        XCTAssertEqual(show.status, 0, show.stderr)
        let drawing = try String(contentsOf: svg, encoding: .utf8)
        XCTAssertTrue(drawing.hasPrefix("<svg"), drawing)
        XCTAssertTrue(drawing.contains("<polyline"), "the ground and the agent's path")
        XCTAssertTrue(show.stdout.contains("episode: return"), show.stdout)
        // report: one self-contained page with the ANNECS plot and every course.
        let report = try PopulusBinary.run(["report", straightRun.path])
        XCTAssertEqual(report.status, 0, report.stderr)
        let page = try String(contentsOf: straightRun.appendingPathComponent("report/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("ANNECS"))
        XCTAssertFalse(page.contains("<script"))
        let environments = inspect.lines.filter { $0.hasPrefix("active ") || $0.hasPrefix("archived ") }.count
        XCTAssertEqual(page.components(separatedBy: "<svg").count - 1, 2 + environments, "two plots and one course per environment")

        let missing = try PopulusBinary.run(["poet", "show", straightRun.path, "999"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no environment 999"), missing.stderr)
    }
}
