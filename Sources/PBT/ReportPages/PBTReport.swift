import Foundation
import Report

/// The report page of a PBT run, from plain numbers (this module knows no
/// run types): each member's score and each searched hyperparameter over
/// time, the lineage tree, and the best member's schedule.
///
///     let page = PBTReport.page(data)          // HTMLPage: write page.html
public enum PBTReport {
    /// Everything the page shows.
    public struct Data: Sendable {
        public var name: String
        /// Lines of the summary list ("env: Pendulum-v1", …).
        public var summary: [String]
        /// Each member's environment steps at the end of every generation (the x axis).
        public var steps: [Double]
        /// scores[m][g]: member m's recent mean return at generation g (NaN: none).
        public var scores: [[Double]]
        /// One entry per searched hyperparameter: values[m][g] during generation g.
        public var hyperparameters: [Hyperparameter]
        public var tree: LineageTree
        /// The best member's schedule as a table (header, rows), if known.
        public var schedule: (header: [String], rows: [[String]])?
        /// Threshold lines on the score plot (e.g. a task's goal).
        public var references: [LinePlot.Reference] = []

        public init(name: String, summary: [String], steps: [Double], scores: [[Double]],
                    hyperparameters: [Hyperparameter], tree: LineageTree, schedule: (header: [String], rows: [[String]])?) {
            self.name = name
            self.summary = summary
            self.steps = steps
            self.scores = scores
            self.hyperparameters = hyperparameters
            self.tree = tree
            self.schedule = schedule
        }
    }

    public struct Hyperparameter: Sendable {
        public var name: String
        /// Plot log₁₀ of the values (log-scale ranges).
        public var logScale: Bool
        public var values: [[Double]]
        public init(name: String, logScale: Bool, values: [[Double]]) {
            self.name = name
            self.logScale = logScale
            self.values = values
        }
    }

    public static func page(_ d: Data) -> HTMLPage {
        var page = HTMLPage(title: "PBT run \(d.name)")
        page.list(d.summary)
        page.heading("Scores")
        var scores = LinePlot(title: "Each member's recent mean return", xLabel: "environment steps per member", yLabel: "return")
        scores.width = 900
        for (m, s) in d.scores.enumerated() { scores.series.append(.init(name: "m\(m)", x: d.steps, y: s)) }
        scores.references = d.references
        page.figure(svg: scores.svg, caption: "Scored at every ready check on the member's last episodes since its last exploit (the inherited score until one ends).")
        page.heading("Hyperparameters")
        for h in d.hyperparameters {
            var plot = LinePlot(title: h.name, xLabel: "environment steps per member", yLabel: h.logScale ? "log₁₀ \(h.name)" : h.name)
            plot.width = 900
            plot.height = 320
            // A step per generation: the value holds from the generation's first step to its last.
            let starts = [0] + d.steps.dropLast()
            let x = zip(starts, d.steps).flatMap { [$0, $1] }
            for (m, v) in h.values.enumerated() {
                let y = v.flatMap { [$0, $0] }.map { h.logScale ? ($0 > 0 ? log10($0) : .nan) : $0 }
                plot.series.append(.init(name: "m\(m)", x: x, y: y))
            }
            page.figure(svg: plot.svg, caption: "\(h.name) each member trained with, generation by generation (an exploit jumps to the copied value, then explore moves it).")
        }
        page.heading("Lineage")
        page.figure(svg: d.tree.svg, caption: "One row per member, one bar per generation; a line joins the copied member to the copier at every exploit.")
        if let schedule = d.schedule {
            page.heading("The best member's schedule")
            page.table(header: schedule.header, rows: schedule.rows)
        }
        return page
    }
}
