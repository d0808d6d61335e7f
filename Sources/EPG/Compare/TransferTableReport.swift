import Foundation
import Report

/// The transfer table as files: `transfer.md`, `transfer.json` and a
/// self-contained `index.html`. With one source, each cell is that run's
/// final return [95% bootstrap interval over held-out tasks]; with several
/// (evolution seeds), the mean of the runs' estimates [95% t-interval over
/// the runs]; the last column counts the runs where the evolved drift's
/// final return beat PPO's with Welch p < 0.05 (and "<" where it lost), and
/// gives Welch's p over every run's held-out tasks pooled (evolved vs PPO).
struct TransferTableReport {
    let envs: [String]
    let origins: [String]
    /// [source][env].
    let cells: [[TransferJob.Cell]]

    static let methods = ["evolved", "ppo", "dpo", "pg"]

    /// The cell text of `method` on env `e` for `metric`.
    func cell(_ e: Int, _ method: String, auc: Bool) -> String {
        let values = cells.compactMap { row in row[e].methods[method].map { auc ? $0.auc : $0.finalReturn } }
        guard !values.isEmpty else { return "–" }
        if values.count == 1 {
            let v = values[0]
            return "\(ReportNumber.human(v.estimate)) [\(ReportNumber.human(v.lower)), \(ReportNumber.human(v.upper))]"
        }
        let i = Self.tInterval(values.map(\.estimate))
        return "\(ReportNumber.human(i.estimate)) [\(ReportNumber.human(i.lower)), \(ReportNumber.human(i.upper))]"
    }

    /// Welch's p (one source) or the win/loss count (several) on env `e`, for
    /// the final return or the AUC; with several sources, the final return
    /// also gets Welch's p over the pooled tasks (the AUC's per-task values
    /// are not in the summaries).
    func verdict(_ e: Int, auc: Bool) -> String {
        let p = { (cell: TransferJob.Cell) in auc ? cell.aucP : cell.welchP }
        if cells.count == 1 { return p(cells[0][e]).map { ReportNumber.probability($0) } ?? "–" }
        var wins = 0, losses = 0
        for row in cells {
            guard let p = p(row[e]), p < 0.05, let ev = row[e].methods["evolved"], let ppo = row[e].methods["ppo"] else { continue }
            let (a, b) = auc ? (ev.auc.estimate, ppo.auc.estimate) : (ev.finalReturn.estimate, ppo.finalReturn.estimate)
            if a > b { wins += 1 } else { losses += 1 }
        }
        let count = "\(wins) > / \(losses) < of \(cells.count)"
        return auc ? count : count + "; pooled p = " + ReportNumber.probability(pooledWelch(e).p)
    }

    /// Welch's test of evolved against PPO on the final returns of every run's held-out tasks together.
    func pooledWelch(_ e: Int) -> WelchTest {
        WelchTest(cells.flatMap { $0[e].finalReturns["evolved"] ?? [] }, cells.flatMap { $0[e].finalReturns["ppo"] ?? [] })
    }

    /// The mean with a 95% Student-t interval (n − 1 degrees of freedom).
    static func tInterval(_ x: [Double]) -> Interval {
        let m = Descriptive.mean(x)
        guard x.count > 1 else { return Interval(estimate: m, lower: m, upper: m, level: 0.95) }
        let se = Descriptive.standardDeviation(x) / Double(x.count).squareRoot()
        var lo = 0.0, hi = 100.0   // the 97.5% quantile of t_{n−1}, by bisection on the CDF
        for _ in 0..<80 {
            let mid = (lo + hi) / 2
            if StudentT.cdf(mid, degreesOfFreedom: Double(x.count - 1)) < 0.975 { lo = mid } else { hi = mid }
        }
        return Interval(estimate: m, lower: m - hi * se, upper: m + hi * se, level: 0.95)
    }

    func header(auc: Bool) -> [String] {
        ["env", "budget", "seeds"] + Self.methods
            + [cells.count == 1 ? "p (evolved vs PPO)" : "runs evolved > / < PPO (p < 0.05)" + (auc ? "" : "; pooled p")]
    }

    func rows(auc: Bool) -> [[String]] {
        envs.indices.map { e in
            let first = cells[0][e]
            let seeds = cells.count == 1 ? "\(first.seeds)" : "\(cells.count) × \(first.seeds)"
            return [envs[e], "\(first.budget)", seeds] + Self.methods.map { cell(e, $0, auc: auc) } + [verdict(e, auc: auc)]
        }
    }

    var note: String {
        cells.count == 1
            ? "Cells: mean over held-out tasks [95% bootstrap interval]. Evolved on: \(origins[0])."
            : "Cells: the mean of \(cells.count) evolution seeds' estimates [95% t-interval over the seeds]. Evolved: \(origins.joined(separator: "; "))."
    }

    var markdown: String {
        func table(_ auc: Bool) -> String {
            let header = header(auc: auc), rows = rows(auc: auc)
            return (["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in "---" }.joined(separator: "|") + "|"]
                + rows.map { "| " + $0.joined(separator: " | ") + " |" }).joined(separator: "\n")
        }
        return "# Transfer\n\n## Final return\n\n" + table(false) + "\n\n## AUC\n\n" + table(true)
            + "\n\n" + note + " Each environment trains with its shipped PPO settings (`ShippedPPO`); the evolved drift replaces PPO's clip, nothing else.\n"
    }

    var json: JSONValue {
        .object([
            ("sources", .array(origins.map(JSONValue.string))),
            ("envs", .array(envs.indices.map { e in
                .object([("env", .string(envs[e])),
                         ("runs", .array(cells.map { row in
                             .object(Self.methods.compactMap { m in
                                 row[e].methods[m].map { (m, JSONValue.object([("final_return", .interval($0.finalReturn)),
                                                                             ("auc", .interval($0.auc))])) }
                             } + [("welch_p", row[e].welchP.map(JSONValue.number) ?? .null),
                                ("auc_welch_p", row[e].aucP.map(JSONValue.number) ?? .null)])
                         })),
                         ("pooled_welch_p", cells.count > 1 ? .number(pooledWelch(e).p) : .null)])
            })),
        ])
    }

    func write(to directory: URL) throws {
        try ReportFile.write(markdown, to: directory.appendingPathComponent("transfer.md"))
        try ReportFile.write(json.text, to: directory.appendingPathComponent("transfer.json"))
        var page = HTMLPage(title: "Transfer of an evolved drift")
        page.paragraph(note)
        page.table(header: header(auc: false), rows: rows(auc: false), caption: "Final return (mean of the last episodes of each lifetime)")
        page.table(header: header(auc: true), rows: rows(auc: true), caption: "AUC (the learning curve's mean height over the budget)")
        page.paragraph("Per-environment comparisons: <env>/comparison.html next to this page, or under each run's transfer/.")
        try ReportFile.write(page.html, to: directory.appendingPathComponent("index.html"))
    }
}
