import Config
import Foundation
import Report
import Runs

extension ObjectiveRun {
    /// The run kind (`epg`, `lpo`) for the command line.
    public static var runKind: RunKind { RunKind(Family.algorithm, ObjectiveRun<Family>.self, report: writeReport) }

    /// `populus report` of an evolved-objective run (also written by
    /// `compare`): the meta-training curves — the population's fitness (mean,
    /// max), μ's validation return, σ, α and the ES step size over
    /// generations — and, once `compare` has run, its learning curves on
    /// held-out tasks beside them.
    @Sendable public static func writeReport(_ saved: SavedRun<ObjectiveRun>, to directory: URL, _: RunSettings) throws -> URL {
        let c = saved.configuration, table = saved.metrics
        var metrics = MetricsPage(title: "\(Family.kind.uppercased()): \(c.name) on \(c.env)", columns: table.columns,
                                  rows: table.rows)
        metrics.plot("Population fitness (training tasks)", y: "fitness", columns: ["fitness_mean", "fitness_max"])
        metrics.plot("Validation return of μ (test-split tasks, α = 0)", y: "return",
                     columns: ["test_return", "best_test_return"])
        metrics.plot("σ, α and the ES step size", y: "value",
                     columns: c.outer.alphaAnnealGenerations > 0 ? ["sigma_mean", "alpha", "learning_rate"]
                                                                 : ["sigma_mean", "learning_rate"])
        var page = metrics.page(summary: saved.run.inspection().map { "\($0.label): \($0.value)" }
                                + ["generation \(saved.run.generation) of \(c.generations)"])
        let best = saved.run.best?.genome ?? saved.run.strategy.mean
        let figures = c.sections.figures(of: best, lifetimes: saved.run.lifetimes)
        if !figures.isEmpty {
            page.heading("The evolved objective (\(saved.run.best.map { "best validated φ, generation \($0.generation)" } ?? "search mean μ"))")
            for figure in figures { page.figure(svg: figure.svg, caption: figure.caption) }
        }
        let comparison = directory.appendingPathComponent("comparison.html")
        page.heading("Comparison on held-out tasks")
        if FileManager.default.fileExists(atPath: comparison.path),
           let curves = try? String(contentsOf: directory.appendingPathComponent("curves.svg"), encoding: .utf8),
           curves.hasPrefix("<svg") {
            page.figure(svg: curves, caption: "From `populus compare`: mean return of fresh agents trained by the evolved objective and the baselines; the whole comparison is in comparison.html (numbers in summary.json).")
        } else {
            page.paragraph("Not run yet: `populus compare \(saved.directory.root.path)` trains fresh agents with the evolved objective and the baselines on held-out tasks and adds them here.")
        }
        let url = directory.appendingPathComponent("index.html")
        try ReportFile.write(page.html, to: url)
        return url
    }
}
