import Foundation
import Report

extension ComparisonReport {
    /// One row per method: final return, AUC, steps to threshold.
    var tableRows: [[String]] {
        summary.methods.map { m in
            let median = m.medianSteps(budget: result.budget).map { ReportNumber.human($0) } ?? "not reached"
            return [m.name,
                    "\(ReportNumber.human(m.finalReturn.estimate)) [\(ReportNumber.human(m.finalReturn.lower)), \(ReportNumber.human(m.finalReturn.upper))]",
                    "\(ReportNumber.human(m.auc.estimate)) [\(ReportNumber.human(m.auc.lower)), \(ReportNumber.human(m.auc.upper))]",
                    "\(m.reached)/\(m.stepsToThreshold.count)", median,
                    m.meanCurveStepsToThreshold.map { ReportNumber.human($0) } ?? "not reached"]
        }
    }

    static let tableHeader = ["method", "final return (95% CI)", "AUC (95% CI)", "reached threshold", "median steps to threshold",
                              "mean curve reaches it at"]

    /// Sentences a reader needs: the Welch tests and the alignment, in words.
    var findings: [String] {
        var out = welchSentences
        out.append("Threshold \(ReportNumber.human(summary.threshold)) (\(summary.thresholdSource)); a lifetime reaches it at the step where the mean return of its last \(summary.thresholdWindow) episodes first does (median over seeds, never counted as more than the budget); the mean curve over seeds reaches it at the first point of the \(summary.grid.count)-point grid where it is at or above it.")
        if let order = summary.firstToThreshold {
            out.append("Task by task, the evolved agent reached the threshold first on \(order.evolved), PPO's on \(order.ppo), neither or both at once on \(order.ties) of \(result.seeds).")
        }
        if hasAlignment {
            out.append("Gradient alignment: mean cos(∇θL_φ, ∇θL_PPO) = \(ReportNumber.human(summary.alignmentOverall)) over every gradient step of the evolved lifetimes (1: the same direction as PPO's, 0: orthogonal, −1: opposite).")
        }
        if let evolved = summary.method("evolved"), evolved.skippedSteps > 0 {
            out.append("\(evolved.skippedSteps) gradient steps of the evolved loss were skipped (a non-finite loss or gradient).")
        }
        return out
    }

    /// What `populus compare` prints: an aligned table of the methods (final
    /// return, AUC, how many reached the threshold, median steps to it) and
    /// the Welch tests.
    public var terminalSummary: String {
        let header = ["method", "final return [95% CI]", "AUC [95% CI]", "reached", "median steps to threshold"]
        let rows = tableRows.map { [$0[0], $0[1], $0[2], $0[3], $0[4]] }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max()! }
        let lines = ([header] + rows).map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return (lines + welchSentences.map { "- " + $0 }).joined(separator: "\n")
    }

    /// The Welch tests of evolved vs PPO, in words.
    var welchSentences: [String] {
        var out: [String] = []
        if let w = summary.welchFinal {
            out.append("Final return, evolved − PPO: \(ReportNumber.human(w.difference)) (Welch t = \(ReportNumber.human(w.t)), ν = \(ReportNumber.human(w.degreesOfFreedom)), p = \(ReportNumber.probability(w.p))).")
        }
        if let w = summary.welchAUC {
            out.append("AUC, evolved − PPO: \(ReportNumber.human(w.difference)) (Welch t = \(ReportNumber.human(w.t)), ν = \(ReportNumber.human(w.degreesOfFreedom)), p = \(ReportNumber.probability(w.p))).")
        }
        return out
    }

    /// summary.md.
    public var markdown: String {
        var s = "# \(title)\n\n"
        for c in context { s += "- **\(c.label)**: \(c.value)\n" }
        s += "\n| " + Self.tableHeader.joined(separator: " | ") + " |\n|" + Self.tableHeader.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in tableRows { s += "| " + row.joined(separator: " | ") + " |\n" }
        s += "\nFinal return: mean return of the last \(result.lastEpisodes) episodes of each lifetime; AUC: the learning curve's average height over the \(result.budget)-step budget; intervals: 95% percentile bootstrap over \(result.seeds) seeds.\n\n"
        for f in findings { s += "- \(f)\n" }
        s += "\nFiles: `curves.csv` (every episode), `summary.json`, `curves.svg`, \(hasAlignment ? "`alignment.svg`, " : "")`comparison.html`, `index.html`.\n"
        return s
    }

    /// index.html.
    public var html: String {
        var page = HTMLPage(title: title)
        page.table(header: ["setting", "value"], rows: context.map { [$0.label, $0.value] })
        page.heading("Results")
        page.table(header: Self.tableHeader, rows: tableRows,
                   caption: "\(result.seeds) seeds on held-out \(result.split)-split tasks, \(result.budget) steps each")
        page.list(findings)
        page.heading("Learning curves")
        page.figure(svg: curvesPlot.svg, caption: "Mean episode return over seeds (episodes averaged per grid cell), shaded: 95% bootstrap interval of the mean; dashed: the threshold.")
        if hasAlignment {
            page.heading("Does the evolved loss point where PPO's does?")
            page.figure(svg: alignmentPlot.svg, caption: "Cosine between the gradients of the evolved loss and of PPO's policy objective w.r.t. the actor's parameters, on the same minibatches along the evolved lifetimes; shaded: 95% bootstrap interval over seeds.")
        }
        page.paragraph("Raw data: curves.csv (method, seed, task, step, return). Numbers: summary.json.")
        return page.html
    }
}
