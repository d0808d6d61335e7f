import Config
import Foundation
import Report
import Runs

extension EPGRun {
    /// The `epg` run kind for the command line.
    public static var runKind: RunKind { RunKind(.epg, EPGRun.self, report: writeReport) }

    /// `populus report` of an EPG run (also written by `compare`): the
    /// meta-training curves — the population's fitness (mean, max), μ's
    /// validation return, σ and α over generations — and, once `compare` has
    /// run, its learning curves on held-out tasks beside them.
    @Sendable public static func writeReport(_ saved: SavedRun<EPGRun>, to directory: URL, _: RunSettings) throws -> URL {
        let c = saved.configuration, table = saved.metrics
        var metrics = MetricsPage(title: "EPG: \(c.name) on \(c.env)", columns: table.columns, rows: table.rows)
        metrics.plot("Population fitness (training tasks)", y: "fitness", columns: ["fitness_mean", "fitness_max"])
        metrics.plot("Validation return of μ (test-split tasks, α = 0)", y: "return",
                     columns: ["test_return", "best_test_return"])
        metrics.plot("σ and α", y: "value", columns: ["sigma_mean", "alpha"])
        var page = metrics.page(summary: saved.run.inspection().map { "\($0.label): \($0.value)" }
                                + ["generation \(saved.run.generation) of \(c.generations)"])
        let comparison = directory.appendingPathComponent("comparison.html")
        page.heading("Comparison on held-out tasks")
        if FileManager.default.fileExists(atPath: comparison.path),
           let curves = try? String(contentsOf: directory.appendingPathComponent("curves.svg"), encoding: .utf8),
           curves.hasPrefix("<svg") {
            page.figure(svg: curves, caption: "From `populus compare`: mean return of fresh agents trained by the evolved loss and the baselines; the whole comparison is in comparison.html (numbers in summary.json).")
        } else {
            page.paragraph("Not run yet: `populus compare \(saved.directory.root.path)` trains fresh agents with the evolved loss and the baselines on held-out tasks and adds them here.")
        }
        let url = directory.appendingPathComponent("index.html")
        try ReportFile.write(page.html, to: url)
        return url
    }
}
