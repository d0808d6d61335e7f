import Foundation
import Report

/// Writes a comparison into `populations/<run>/report/`:
///
///     curves.csv      method,seed,task,step,return — every finished episode
///     summary.json    the numbers of `ComparisonSummary`
///     summary.md      the same as a short Markdown report
///     curves.svg      mean learning curves with 95% bootstrap bands and the threshold
///     alignment.svg   cos(∇θL_φ, ∇θL_PPO) over the lifetime
///     comparison.html everything above on one self-contained page (the run
///                     page, index.html, shows it beside the meta-training curves)
public struct ComparisonReport: Sendable {
    public let result: ComparisonResult
    public let summary: ComparisonSummary
    /// Settings printed at the top: run, φ used, split, budget, …
    public let context: [(label: String, value: String)]
    public let title: String

    public init(result: ComparisonResult, summary: ComparisonSummary, title: String,
                context: [(label: String, value: String)]) {
        self.result = result
        self.summary = summary
        self.title = title
        self.context = context
    }

    /// Writes every file; returns their URLs (index.html last).
    @discardableResult
    public func write(to directory: URL) throws -> [URL] {
        var written: [URL] = []
        func put(_ name: String, _ text: String) throws {
            let url = directory.appendingPathComponent(name)
            try ReportFile.write(text, to: url)
            written.append(url)
        }
        try put("curves.csv", curvesCSV.text)
        try put("summary.json", json.text)
        try put("summary.md", markdown)
        try put("curves.svg", curvesPlot.svg)
        if hasAlignment { try put("alignment.svg", alignmentPlot.svg) }
        try put("comparison.html", html)
        return written
    }

    /// Whether the evolved lifetimes recorded gradient alignment (EPG's do; LPO's drift does not).
    var hasAlignment: Bool { summary.alignmentOverall.isFinite }

    var curvesCSV: CSVTable {
        var t = CSVTable(columns: ["method", "seed", "task", "step", "return"])
        for run in result.runs {
            for e in run.outcome.curve.episodes {
                t.append([run.method, "\(run.seed)", run.task, "\(e.step)", ReportNumber.csv(e.return)])
            }
        }
        return t
    }

    var curvesPlot: LinePlot {
        var plot = LinePlot(title: "Learning curves, \(result.split) split (\(result.seeds) seeds)",
                            xLabel: "environment steps", yLabel: "episode return")
        for m in result.methods {
            guard let c = summary.curves[m] else { continue }
            plot.series.append(.init(name: m, x: summary.grid, y: c.mean, lower: c.lower, upper: c.upper))
        }
        plot.references.append(.init(value: summary.threshold, label: "threshold \(ReportNumber.human(summary.threshold))"))
        return plot
    }

    var alignmentPlot: LinePlot {
        var plot = LinePlot(title: "cos(∇θ L_φ, ∇θ L_PPO) on the same minibatches",
                            xLabel: "lifetime fraction t/T", yLabel: "cosine")
        let a = summary.alignment
        plot.series.append(.init(name: "evolved vs PPO", x: a.time, y: a.mean, lower: a.lower, upper: a.upper))
        plot.references.append(.init(value: 0, label: "orthogonal"))
        return plot
    }

    var json: JSONValue {
        var methods: [(String, JSONValue)] = []
        for m in summary.methods {
            methods.append((m.name, .object([
                ("final_return", .interval(m.finalReturn)),
                ("auc", .interval(m.auc)),
                ("final_returns", .array(m.finalReturns.map(JSONValue.number))),
                ("steps_to_threshold", .array(m.stepsToThreshold.map { $0.map(JSONValue.number) ?? .null })),
                ("reached_threshold", .number(Double(m.reached))),
                ("median_steps_to_threshold", m.medianSteps(budget: result.budget).map(JSONValue.number) ?? .null),
                ("mean_curve_steps_to_threshold", m.meanCurveStepsToThreshold.map(JSONValue.number) ?? .null),
                ("skipped_steps", .number(Double(m.skippedSteps))),
            ])))
        }
        func welch(_ w: WelchTest?) -> JSONValue {
            guard let w else { return .null }
            return .object([("difference", .number(w.difference)), ("t", .number(w.t)),
                             ("degrees_of_freedom", .number(w.degreesOfFreedom)), ("p", .number(w.p))])
        }
        let a = summary.alignment
        return .object([
            ("context", .object(context.map { ($0.label, .string($0.value)) })),
            ("split", .string(result.split.rawValue)),
            ("seeds", .number(Double(result.seeds))),
            ("budget_steps", .number(Double(result.budget))),
            ("final_return_episodes", .number(Double(result.lastEpisodes))),
            ("threshold", .object([("value", .number(summary.threshold)), ("source", .string(summary.thresholdSource))])),
            ("methods", .object(methods)),
            ("first_to_threshold", summary.firstToThreshold.map { o in
                .object([("evolved", .number(Double(o.evolved))), ("ppo", .number(Double(o.ppo))), ("ties", .number(Double(o.ties)))])
            } ?? .null),
            ("welch_evolved_vs_ppo", .object([("final_return", welch(summary.welchFinal)), ("auc", welch(summary.welchAUC))])),
            ("gradient_alignment", !hasAlignment ? .null : .object([
                ("mean_cosine", .number(summary.alignmentOverall)),
                ("lifetime_fraction", .array(a.time.map(JSONValue.number))),
                ("cosine", .array(a.mean.map(JSONValue.number))),
                ("lower", .array(a.lower.map(JSONValue.number))),
                ("upper", .array(a.upper.map(JSONValue.number))),
            ])),
        ])
    }
}
