import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// EPG end to end as a user runs it: `populus evolve` a tiny EPG config,
/// SIGKILL it mid-run, `populus resume` it (ending bit for bit where a
/// straight run ends, with a different thread count), then `populus compare`
/// writes the report.
final class EPGCommandTests: CLITestCase {
    /// 4 candidates × 1 task, 240-step lifetimes, a small loss network with memory units.
    private func config(name: String) throws -> String {
        let url = directory.appendingPathComponent("\(name).yaml")
        try """
            name: \(name)
            seed: 3
            algorithm: epg
            env: point-goal
            generations: 6
            checkpoint_every: 2
            es: {population_size: 4, sigma: 0.05, learning_rate: 0.01}
            outer: {tasks_per_candidate: 1, alpha_anneal_generations: 2, validation_every: 2, validation_tasks: 2, initial_loss: reinforce}
            inner: {lifetime_steps: 240, update_every: 24, minibatch_size: 8, hidden_sizes: [16]}
            loss_network: {buffer_size: 48, conv_kernels: [4, 3], conv_strides: [2, 2], conv_channels: [6, 5], context_size: 4, head_hidden: 6, memory_units: 2}
            fitness: {episodes: 1}
            compare: {seeds: 2, curve_points: 6}
            """.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func run(_ arguments: [String]) throws -> PopulusBinary.Result { try PopulusBinary.run(arguments) }

    private func inspect(_ path: String, _ label: String) throws -> String {
        let r = try run(["inspect", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        guard let line = r.lines.first(where: { $0.hasPrefix(label + " ") }) else {
            XCTFail("no '\(label)' in:\n\(r.stdout)")
            return ""
        }
        return line.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
    }

    private func metricsRows(_ run: String) throws -> [[String]] {
        let text = try String(contentsOfFile: "\(populations)/\(run)/metrics.csv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func testEvolveKillResumeCompare() throws {
        let straight = try config(name: "straight")
        let s = try run(["evolve", straight, "--populations", populations, "--threads", "1"])
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertTrue(s.stdout.contains("evolving straight: epg on point-goal, 6 generations"), s.stdout)
        XCTAssertTrue(s.stdout.contains("gen 6/6"), s.stdout)
        let want = try inspect("\(populations)/straight", "digest")
        XCTAssertTrue(try inspect("\(populations)/straight", "best phi").hasPrefix("test return"))

        let killed = try config(name: "killed")
        let checkpoints = "\(populations)/killed/checkpoints"
        try PopulusBinary.startAndKill(["evolve", killed, "--populations", populations, "--threads", "2", "--quiet"],
                         whenExists: "\(checkpoints)/gen-00000002.ckpt", signal: SIGINT)
        let left = try FileManager.default.contentsOfDirectory(atPath: checkpoints).filter { $0.hasSuffix(".ckpt") }.sorted()
        XCTAssertLessThan(left.last ?? "", "gen-00000006.ckpt", "killed before the end")
        let resumed = try run(["resume", "\(populations)/killed", "--threads", "2"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("resuming killed at generation"), resumed.stdout)
        XCTAssertEqual(try inspect("\(populations)/killed", "digest"), want)
        let rows = try metricsRows("killed"), straightRows = try metricsRows("straight")
        XCTAssertEqual(rows.count, 6)
        let wall = 6   // wall_seconds: the only column allowed to differ
        XCTAssertEqual(rows.map { $0.enumerated().filter { $0.offset != wall }.map(\.element) },
                       straightRows.map { $0.enumerated().filter { $0.offset != wall }.map(\.element) })

        let c = try run(["compare", "\(populations)/killed", "--threads", "2"])
        XCTAssertEqual(c.status, 0, c.stderr)
        XCTAssertTrue(c.stdout.contains("comparing evolved, ppo, pg on 2 held-out test tasks"), c.stdout)
        XCTAssertTrue(c.stdout.contains("compare 6/6 lifetimes"), c.stdout)
        let report = "\(populations)/killed/report"
        XCTAssertTrue(c.stdout.contains("report: \(report)/index.html"), c.stdout)
        for file in ["curves.csv", "summary.json", "summary.md", "curves.svg", "alignment.svg", "index.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(report)/\(file)"), file)
        }
        let csv = try String(contentsOfFile: "\(report)/curves.csv", encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("method,seed,task,step,return\n"))
        for method in ["evolved", "ppo", "pg"] { XCTAssertTrue(csv.contains("\n\(method),1,"), method) }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(report)/summary.json"))) as? [String: Any]
        let methods = summary?["methods"] as? [String: Any]
        XCTAssertEqual(Set(methods?.keys.map { $0 } ?? []), ["evolved", "ppo", "pg"])
        XCTAssertNotNil((summary?["welch_evolved_vs_ppo"] as? [String: Any])?["final_return"] as? [String: Any])
        let html = try String(contentsOfFile: "\(report)/index.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))

        // The same comparison with one thread writes the same numbers.
        let again = try run(["compare", "\(populations)/straight", "--threads", "1", "--quiet",
                             "--output", directory.appendingPathComponent("again").path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try String(contentsOfFile: directory.appendingPathComponent("again/curves.csv").path, encoding: .utf8), csv)
    }

    func testCompareRefusesWhatItCannotRead() throws {
        let bad = try run(["compare", "\(populations)/nope"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("no such run directory"), bad.stderr)
        let split = try run(["compare", "\(populations)/nope", "--split", "train"])
        XCTAssertNotEqual(split.status, 0)
        XCTAssertTrue(split.stderr.contains("--split 'train' is not accepted"), split.stderr)
        let baselines = try run(["compare", "\(populations)/nope", "--baselines", "ppo,a2c"])
        XCTAssertNotEqual(baselines.status, 0)
        XCTAssertTrue(baselines.stderr.contains("'a2c' is not a baseline"), baselines.stderr)
    }

}
