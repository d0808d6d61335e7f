import Foundation
import Report
import Runs

/// The files and the printed table of `pbt versus-random`.
public enum VersusRandomOutput {
    public static func summary(_ r: VersusRandom.Result) -> String {
        func steps(_ s: Int?) -> String { s.map { groupedDigits($0) } ?? "never" }
        var lines = ["seed  PBT steps to \(humanNumber(r.threshold))  random-search steps  PBT final best  random final best"]
        for o in r.outcomes {
            lines.append("\(o.seed)".padding(toLength: 6, withPad: " ", startingAt: 0)
                         + steps(o.pbtSteps).padding(toLength: 22, withPad: " ", startingAt: 0)
                         + steps(o.randomSteps).padding(toLength: 21, withPad: " ", startingAt: 0)
                         + humanNumber(o.pbt.best.last ?? .nan).padding(toLength: 16, withPad: " ", startingAt: 0)
                         + humanNumber(o.random.best.last ?? .nan))
        }
        lines.append("PBT reached \(humanNumber(r.threshold)) in fewer total environment steps on \(r.pbtWins) of \(r.outcomes.count) seeds")
        return lines.joined(separator: "\n")
    }

    public static func write(_ r: VersusRandom.Result, config: PBTConfiguration, to dir: URL) throws {
        var curves = CSVTable(columns: ["method", "seed", "generation", "env_steps", "best_return", "mean_return"])
        for o in r.outcomes {
            for c in [o.pbt, o.random] {
                for g in c.steps.indices {
                    curves.append([c.method, "\(c.seed)", "\(g)", "\(c.steps[g])", ReportNumber.csv(c.best[g]), ReportNumber.csv(c.mean[g])])
                }
            }
        }
        try curves.write(to: dir.appendingPathComponent("curves.csv"))
        var summary = CSVTable(columns: ["seed", "threshold", "pbt_steps", "random_steps", "pbt_final_best", "random_final_best",
                                         "pbt_best_member", "random_best_member", "seconds"])
        for o in r.outcomes {
            summary.append(["\(o.seed)", ReportNumber.csv(r.threshold), o.pbtSteps.map(String.init) ?? "",
                            o.randomSteps.map(String.init) ?? "", ReportNumber.csv(o.pbt.best.last ?? .nan),
                            ReportNumber.csv(o.random.best.last ?? .nan), o.pbtBest, o.randomBest,
                            String(format: "%.1f", o.seconds)])
        }
        try summary.write(to: dir.appendingPathComponent("summary.csv"))
        try ReportFile.write(page(r, config: config).html, to: dir.appendingPathComponent("index.html"))
    }

    public static func page(_ r: VersusRandom.Result, config: PBTConfiguration) -> HTMLPage {
        var page = HTMLPage(title: "\(config.name): PBT versus random search")
        page.paragraph("\(config.env), population \(config.pbt.populationSize), \(config.generations) ready checks every \(config.pbt.interval) steps per member; searched: \(config.space.names.joined(separator: ", ")). Random search is the same population with exploit: none (same prior draws, weights and streams). Score: the best member's mean return over its last \(config.pbt.returnWindow) episodes.")
        page.table(header: ["seed", "PBT total steps to \(humanNumber(r.threshold))", "random search", "PBT final best", "random final best"],
                   rows: r.outcomes.map { o in
                       ["\(o.seed)", o.pbtSteps.map { groupedDigits($0) } ?? "never",
                        o.randomSteps.map { groupedDigits($0) } ?? "never",
                        humanNumber(o.pbt.best.last ?? .nan), humanNumber(o.random.best.last ?? .nan)]
                   })
        var mean = LinePlot(title: "Best member's score, mean over \(r.outcomes.count) seeds", xLabel: "total environment steps", yLabel: "return")
        for method in ["pbt", "random"] {
            let curves = r.outcomes.map { method == "pbt" ? $0.pbt : $0.random }
            guard let first = curves.first else { continue }
            let y = first.steps.indices.map { g in curves.map { $0.best[g] }.reduce(0, +) / Double(curves.count) }
            mean.series.append(.init(name: method == "pbt" ? "PBT" : "random search", x: first.steps.map(Double.init), y: y))
        }
        mean.references.append(.init(value: r.threshold, label: "threshold \(humanNumber(r.threshold))"))
        page.figure(svg: mean.svg, caption: "The best member's recent mean return at each ready check, averaged over seeds.")
        for o in r.outcomes {
            var plot = LinePlot(title: "Seed \(o.seed)", xLabel: "total environment steps", yLabel: "return")
            plot.series.append(.init(name: "PBT best", x: o.pbt.steps.map(Double.init), y: o.pbt.best))
            plot.series.append(.init(name: "random best", x: o.random.steps.map(Double.init), y: o.random.best))
            plot.series.append(.init(name: "PBT mean", x: o.pbt.steps.map(Double.init), y: o.pbt.mean, color: "#56B4E9"))
            plot.series.append(.init(name: "random mean", x: o.random.steps.map(Double.init), y: o.random.mean, color: "#E69F00"))
            plot.references.append(.init(value: r.threshold, label: "threshold"))
            page.figure(svg: plot.svg, caption: "Seed \(o.seed): best and mean member score. PBT's best at the end — \(o.pbtBest); random search's — \(o.randomBest).")
        }
        return page
    }
}
