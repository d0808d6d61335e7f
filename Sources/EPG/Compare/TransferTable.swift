import Environments
import Foundation
import Report
import Runs

/// `populus transfer`: an evolved drift (one or several runs — evolution
/// seeds — or zoo files) trains agents on a list of environments with each
/// environment's shipped PPO settings, beside PPO, DPO and vanilla PG (one
/// `compare --env` each, kept in `<run>/transfer/<env>/` and reused unless
/// `force` or it has another number of seeds), and one table collects them: LPO's transfer table (Lu et al.
/// 2022, table 1) — rows environments, columns methods, final return and AUC
/// with 95% intervals, Welch's p against PPO, and where the drift was evolved.
public struct TransferJob: Sendable {
    /// The environments (rows).
    public var envs: [String]
    /// Held-out tasks per environment and method (nil: the run's `compare.seeds`).
    public var seeds: Int?
    /// Run a comparison again even when its summary exists.
    public var force = false
    /// Where the table goes (nil: the first source's `transfer/`).
    public var output: URL?

    public init(envs: [String]) { self.envs = envs }

    /// One comparison's numbers, read back from its `summary.json`.
    public struct Cell: Sendable {
        public var methods: [String: (finalReturn: Interval, auc: Interval)]
        /// Each held-out task's final return, by method (for tests pooled over runs).
        public var finalReturns: [String: [Double]] = [:]
        /// Welch's p of evolved against PPO: final return, AUC.
        public var welchP: Double?
        public var aucP: Double?
        public var seeds: Int
        public var budget: Int
    }

    /// Runs what is missing for every source (a run directory or a `.phi` file) and writes the table.
    public func run(_ sources: [String], settings: RunSettings) throws -> URL {
        guard !sources.isEmpty else { throw RunError("transfer needs at least one run directory or objective file") }
        let envs = try self.envs.map { try EnvironmentRegistry.standard.resolve($0).name }
        var cells: [[Cell]] = []
        var origins: [String] = []
        for source in sources {
            var row: [Cell] = []
            let isFile = source.hasSuffix(".phi")
            let file = isFile ? try ObjectiveFile(contentsOf: URL(fileURLWithPath: source)) : nil
            let saved = isFile ? nil : try SavedCheckpoint.locate(source, policy: .newestIntact, forWriting: true)
            let base = saved.map { $0.directory.root.appendingPathComponent("transfer") }
                ?? settings.populations.appendingPathComponent("transfer-\(URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent)")
            origins.append(file.map { "\(source) (evolved on \($0.env))" }
                           ?? "\(saved!.directory.name) (evolved on \((try? SavedRun<LPORun>.configuration(of: saved!.checkpoint).env) ?? "?"))")
            for env in envs {
                let directory = base.appendingPathComponent(env)
                let summary = directory.appendingPathComponent("summary.json")
                // A comparison already written is reused only if it has the seeds asked for.
                let cached = force ? nil : try? Self.read(summary)
                if cached == nil || (seeds != nil && cached?.seeds != seeds) {
                    var job = ComparisonJob()
                    job.env = env
                    job.seeds = seeds
                    job.output = directory
                    if let saved {
                        try saved.require(kind: LPOSections.kind, for: "transfer")
                        try job.run(saved, LPOSections.self, settings: settings)
                    } else {
                        try job.run(objectiveFile: URL(fileURLWithPath: source), runSeed: 0, settings: settings)
                    }
                }
                row.append(try Self.read(summary))
            }
            cells.append(row)
        }
        let directory = output ?? (sources.first.flatMap { try? SavedCheckpoint.locate($0, policy: .newestIntact) }
            .map { $0.directory.root.appendingPathComponent("transfer") }
            ?? settings.populations.appendingPathComponent("transfer"))
        let table = TransferTableReport(envs: envs, origins: origins, cells: cells)
        try table.write(to: directory)
        settings.say(table.markdown)
        return directory.appendingPathComponent("index.html")
    }

    /// The numbers of a comparison's `summary.json`.
    static func read(_ url: URL) throws -> Cell {
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let methods = object["methods"] as? [String: Any] else {
            throw RunError("\(url.path): not a comparison summary (run `populus compare` again, or transfer --force)")
        }
        func interval(_ o: Any?) -> Interval? {
            guard let o = o as? [String: Any], let e = o["estimate"] as? Double, let l = o["lower"] as? Double,
                  let u = o["upper"] as? Double else { return nil }
            return Interval(estimate: e, lower: l, upper: u, level: (o["level"] as? Double) ?? 0.95)
        }
        var cell = Cell(methods: [:], welchP: nil, seeds: (object["seeds"] as? Int) ?? 0,
                        budget: (object["budget_steps"] as? Int) ?? 0)
        for (name, value) in methods {
            guard let m = value as? [String: Any], let f = interval(m["final_return"]), let a = interval(m["auc"]) else { continue }
            cell.methods[name] = (f, a)
            cell.finalReturns[name] = (m["final_returns"] as? [Any])?.compactMap { $0 as? Double } ?? []
        }
        let welch = object["welch_evolved_vs_ppo"] as? [String: Any]
        cell.welchP = (welch?["final_return"] as? [String: Any])?["p"] as? Double
        cell.aucP = (welch?["auc"] as? [String: Any])?["p"] as? Double
        return cell
    }
}
