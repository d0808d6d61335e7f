import Foundation
import Report
import Runs

extension PBTRun {
    /// The `pbt` run kind for the command line.
    public static var runKind: RunKind { RunKind(.pbt, PBTRun.self, report: writeReport) }

    /// `populus report` of a PBT run: scores and hyperparameters of every
    /// member over time, the lineage tree, the best member's schedule.
    @Sendable public static func writeReport(_ saved: SavedRun<PBTRun>, to dir: URL, _: RunSettings) throws -> URL {
        let files = try PBTRunFiles(directory: saved.directory.root)
        let page = dir.appendingPathComponent("index.html")
        try ReportFile.write(try reportPage(files), to: page)
        return page
    }

    /// The report's HTML, from the run's files alone.
    public static func reportPage(_ files: PBTRunFiles) throws -> String {
        guard files.generations > 0 else { throw RunError("\(files.directory.path): no generation has completed yet") }
        let p = files.populationSize, space = files.space, c = files.configuration
        var tree = LineageTree(title: "Lineage of \(c.name)", members: p, generations: files.generations)
        tree.exploits = files.lineage.filter { $0.event == .exploit }.compactMap { r in
            r.source.map { LineageTree.Exploit(boundary: r.generation, source: $0, target: r.target) }
        }
        tree.highlight = files.bestMember
        tree.rowHeight = p > 16 ? 12 : 18
        var table: (header: [String], rows: [[String]])? = nil
        var bestLine = "best member: none yet"
        if let best = files.bestMember, let schedule = try? files.schedule(member: best) {
            table = (["steps", "member"] + space.names, schedule.segments.map { seg in
                ["\(groupedDigits(seg.fromStep))–\(groupedDigits(seg.toStep))", "\(seg.member)"]
                    + space.names.map { seg.hyperparameters[$0].map(PBTScheduleTable.formatted) ?? "–" }
            })
            bestLine = "best member: \(best), score \(schedule.score.map(humanNumber) ?? "none"), lineage of \(schedule.segments.count) segments"
        }
        let exploits = files.lineage.filter { $0.event == .exploit }.count
        var data = PBTReport.Data(
            name: c.name,
            summary: [
                "env: \(c.env); \(c.learner.rawValue) members; population \(p); \(c.pbt.mode.rawValue); ready every \(c.pbt.interval) steps",
                "exploit: \(c.pbt.exploit.rawValue)\(c.pbt.exploit == .truncation ? " (\(humanNumber(c.pbt.truncationFraction * 100))%)" : ""); explore: ×\(c.pbt.perturbFactors.map(humanNumber).joined(separator: "/×")), resample p = \(humanNumber(c.pbt.resampleProbability))",
                "generations completed: \(files.generations) of \(c.generations); \(exploits) exploits",
                "searched: " + space.dimensions.map { "\($0.name) \($0.range.scale.rawValue) [\(humanNumber($0.range.lowerBound)), \(humanNumber($0.range.upperBound))]" }.joined(separator: "; "),
                bestLine,
            ],
            steps: files.stepsPerMember.map(Double.init),
            scores: (0..<p).map(files.scores),
            hyperparameters: space.dimensions.map { d in
                PBTReport.Hyperparameter(name: d.name, logScale: d.range.scale == .log,
                                         values: (0..<p).map { files.hyperparameter(d.name, member: $0) })
            },
            tree: tree, schedule: table)
        if let goal = VersusRandom.defaultThreshold(c.env) { data.references = [.init(value: goal, label: "goal \(humanNumber(goal))")] }
        return PBTReport.page(data).html
    }
}
