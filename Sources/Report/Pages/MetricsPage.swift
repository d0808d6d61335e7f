import Foundation

/// A run's metrics drawn as curves over generations: the page every run kind's
/// report starts from (`populus report`), extended with the kind's own
/// sections.
///
///     var metrics = MetricsPage(title: "es-cartpole", columns: table.columns, rows: table.rows)
///     metrics.plot("Fitness", y: "episode return", columns: ["fitness_mean", "fitness_max"])
///     var page = metrics.page(summary: ["env: CartPole-v1", "generation 100 of 100"])
///     try ReportFile.write(page.html, to: directory.appendingPathComponent("index.html"))
public struct MetricsPage: Sendable {
    public let title: String
    public let columns: [String]
    public let rows: [[Double]]
    /// The figures, in order: a title, the y-axis label and the columns drawn.
    public private(set) var plots: [(title: String, yLabel: String, columns: [String])] = []

    public init(title: String, columns: [String], rows: [[Double]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// Adds a figure of `columns` (those the table has) over generations.
    public mutating func plot(_ title: String, y: String, columns: [String]) {
        plots.append((title, y, columns.filter(self.columns.contains)))
    }

    /// The values of `column` by generation (NaN where missing).
    public func series(_ column: String) -> [Double] {
        guard let i = columns.firstIndex(of: column) else { return rows.map { _ in .nan } }
        return rows.map { $0[i] }
    }

    /// The figure of one plot (points with NaN are left out of their line).
    public func figure(_ plot: (title: String, yLabel: String, columns: [String])) -> LinePlot {
        var figure = LinePlot(title: plot.title, xLabel: "generation", yLabel: plot.yLabel)
        let x = series("generation").map { $0 + 1 }
        for column in plot.columns {
            let points = zip(x, series(column)).filter { $0.1.isFinite }
            guard !points.isEmpty else { continue }
            figure.series.append(.init(name: column, x: points.map(\.0), y: points.map(\.1)))
        }
        return figure
    }

    /// A page: `summary` as a list, then every figure, then the last row's values.
    public func page(summary: [String]) -> HTMLPage {
        var page = HTMLPage(title: title)
        page.list(summary)
        for plot in plots where !plot.columns.isEmpty {
            page.figure(svg: figure(plot).svg, caption: "\(plot.columns.joined(separator: ", ")) by generation")
        }
        if let last = rows.last {
            page.heading("Last generation")
            page.table(header: ["metric", "value"],
                       rows: zip(columns, last).map { [$0, ReportNumber.human($1)] })
        }
        page.paragraph("Every generation's values: metrics.csv in the run directory.")
        return page
    }
}
