import Config
import Foundation
import Report
import Runs

extension ESRun {
    /// The `es` run kind for the command line.
    public static var runKind: RunKind { RunKind(.es, ESRun.self, report: writeReport) }

    /// `populus report` of an `es` run: fitness, μ's own return, σ and the
    /// step sizes over generations.
    @Sendable public static func writeReport(_ saved: SavedRun<ESRun>, to directory: URL, _: RunSettings) throws -> URL {
        let c = saved.configuration, table = saved.metrics
        var metrics = MetricsPage(title: "ES: \(c.name) on \(c.env)", columns: table.columns, rows: table.rows)
        metrics.plot("Fitness", y: "episode return", columns: ["fitness_mean", "fitness_max", "mean_policy_return"])
        metrics.plot("Search distribution", y: "value", columns: ["sigma_mean", "learning_rate"])
        metrics.plot("Steps", y: "norm", columns: ["grad_norm", "update_norm"])
        let page = metrics.page(summary: saved.run.inspection().map { "\($0.label): \($0.value)" }
                                + ["generation \(saved.run.generation) of \(c.generations)"])
        let url = directory.appendingPathComponent("index.html")
        try ReportFile.write(page.html, to: url)
        return url
    }
}
