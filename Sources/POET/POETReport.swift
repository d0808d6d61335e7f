import Checkpoint
import Foundation
import Report
import Runs

/// The HTML report of a POET run (`populus report populations/<run>`): a
/// self-contained page with ANNECS and the number of environments over
/// iterations, every pair's score over iterations, a table of the active and
/// archived environments with their encodings, and each environment's
/// course with one episode of its agent, all as inline SVG. Built from the
/// run's newest intact checkpoint (which carries the metrics and events), so
/// it can be regenerated at any time and matches `populus inspect`.
extension POETRun {
    /// The `poet` run kind for the command line.
    public static var runKind: RunKind { RunKind(.poet, POETRun.self, report: POETReport.write) }
}

public enum POETReport {
    /// Writes `index.html` into `directory` (created if needed); returns its URL.
    @Sendable @discardableResult
    public static func write(_ saved: SavedRun<POETRun>, to directory: URL, _: RunSettings) throws -> URL {
        let html = page(saved).html
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("index.html")
        try ReportFile.write(html, to: url)
        return url
    }

    public static func page(_ saved: SavedRun<POETRun>) -> HTMLPage {
        let run = saved.run, table = saved.metrics, c = run.configuration
        var page = HTMLPage(title: "POET: \(c.name)")
        page.paragraph("\(run.family.name), seed \(c.seed): \(run.iteration) of \(c.generations) iterations. "
            + "ANNECS \(run.annecs); \(run.nextID) environments created (\(run.pairs.count) active of capacity \(c.poet.capacity), "
            + "\(run.archive.count) archived); \(run.totals.transfers) transfers accepted; \(run.totals.envSteps) environment steps"
            + (wallSeconds(table).map { String(format: ", %.0f s of wall-clock time", $0) } ?? "") + ".")
        page.paragraph("Minimal criterion \(run.thresholds.minimalCriterion), reproduction threshold \(fmt(run.thresholds.reproduction)), "
            + "solved at \(fmt(run.thresholds.solved)); novelty by \(c.poet.novelty.rawValue), k = \(c.poet.noveltyK); "
            + "proposal transfers: \(c.poet.proposalTransfer.rawValue)"
            + (c.poet.maxSteps.map { "; episodes cut at \($0) steps" } ?? "") + ".")

        page.heading("Open-endedness")
        var annecs = LinePlot(title: "ANNECS and environments created", xLabel: "iteration", yLabel: "environments")
        let x = column(table, "generation")
        annecs.series.append(.init(name: "ANNECS", x: x, y: column(table, "annecs")))
        annecs.series.append(.init(name: "created after the first", x: x, y: column(table, "created")))
        annecs.series.append(.init(name: "active", x: x, y: column(table, "active")))
        page.figure(svg: annecs.svg, caption: "ANNECS: environments created after the first, admitted under the minimal criterion and later solved (score ≥ \(fmt(run.thresholds.solved))).")

        var scores = LinePlot(title: "Score of each pair's agent in its environment", xLabel: "iteration", yLabel: "mean return")
        for (id, curve) in pairScores(run.events).sorted(by: { $0.key < $1.key }) {
            scores.series.append(.init(name: "env \(id)", x: curve.map(\.0), y: curve.map(\.1),
                                       color: LinePlot.palette[id % LinePlot.palette.count]))
        }
        scores.references.append(.init(value: run.thresholds.solved, label: "solved"))
        page.figure(svg: scores.svg, caption: "Self-evaluation (\(c.poet.evalEpisodes) episodes) after each iteration; a jump up is often an accepted transfer.")

        page.heading("Environments")
        let rows = run.allPairs.map { p in
            [String(p.id), p.retiredAt == nil ? "active" : "archived at \(p.retiredAt!)", p.encoding.description,
             p.parent.map(String.init) ?? "—", String(p.createdAt), fmt(p.novelty), fmt(p.score), fmt(p.bestScore),
             p.solvedAt.map(String.init) ?? "—", String(p.transfersIn)]
        }
        page.table(header: ["env", "status", "encoding", "parent", "created", "novelty", "score", "best", "solved at", "transfers in"],
                   rows: rows)
        for p in run.allPairs {
            guard let (drawing, outcome) = try? run.drawing(of: p, trace: true) else { continue }
            let episode = outcome.map { "; one episode of its agent: return \(fmt($0.totalReward)) in \($0.steps) steps" } ?? ""
            page.figure(svg: drawing.svg, caption: "env \(p.id) (\(p.retiredAt == nil ? "active" : "archived")): \(p.encoding)\(episode).")
        }
        return page
    }

    /// A metrics column by name (empty when absent).
    static func column(_ table: MetricsTable, _ name: String) -> [Double] {
        guard let i = table.columns.firstIndex(of: name) else { return [] }
        return table.rows.map { $0[i] }
    }

    static func wallSeconds(_ table: MetricsTable) -> Double? {
        column(table, "wall_seconds").last
    }

    /// (iteration, score) per pair id, from the `scores` events.
    public static func pairScores(_ events: [String]) -> [Int: [(Double, Double)]] {
        var out: [Int: [(Double, Double)]] = [:]
        for line in events where line.contains("\"event\":\"scores\"") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let t = object["iteration"] as? Int, let scores = object["scores"] as? [[Any]] else { continue }
            for entry in scores where entry.count == 2 {
                guard let id = entry[0] as? Int else { continue }
                let score = (entry[1] as? Double) ?? .nan
                out[id, default: []].append((Double(t), score))
            }
        }
        return out
    }
}
