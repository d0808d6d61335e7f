import ArgumentParser
import Foundation
import PopulusKit

/// `populus compare populations/<run>|zoo/<file>.phi [--env NAME] [--split test|ood] [--seeds N] [--baselines ppo,dpo,pg]`.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Train fresh agents on held-out tasks with an evolved objective (an epg or lpo run's, or a zoo file's) and with PPO, DPO and vanilla PG under the same budget, and write the report (curves.csv, summary.json, summary.md, SVG curves, comparison.html, index.html).",
        discussion: """
            Seed i trains every method on held-out task i with the same agent streams; the baselines train with the \
            environment's shipped PPO settings. The run's compare: section supplies the defaults (split, seeds, baselines); \
            the flags override them. --env trains on another environment (an lpo drift transfers to any; its report goes \
            to <run>/transfer/<env>/). Results are bitwise identical for any --threads.

              populus compare populations/lpo-demo
              populus compare populations/lpo-demo --env acrobot
              populus compare zoo/lpo-cartpole-s1.phi --env pendulum
            """
    )

    @Argument(help: ArgumentHelp("An epg or lpo run directory (populations/<name>), one of its checkpoint files, or an objective file (zoo/*.phi).", valueName: "run"))
    var path: String

    @Option(help: ArgumentHelp("Train on this environment or family instead of the run's own (`populus env list`).", valueName: "name"))
    var env: String?

    @Option(help: ArgumentHelp("For an objective file: the seed held-out tasks and agents derive from (default 0).", valueName: "n"))
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Held-out tasks from this split: test or ood (default: the config's compare.split).", valueName: "split"))
    var split: String?

    @Option(help: ArgumentHelp("Seeds (held-out tasks) per method (default: the config's compare.seeds).", valueName: "n"))
    var seeds: Int?

    @Option(help: ArgumentHelp("Baselines, comma-separated: ppo, dpo, pg (or none) (default: the config's compare.baselines).", valueName: "list"))
    var baselines: String?

    @Option(help: ArgumentHelp("Which φ: best (the best validated, the default) or final (the last search mean).", valueName: "which"))
    var phi = "best"

    @Option(help: ArgumentHelp("Where to write the report (default: <run>/report).", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("For objective files: where their comparisons are written (populations/compare-<file>-<env>/).", valueName: "dir"))
    var populations = "populations"

    @OptionGroup var execution: ExecutionOptions

    func validate() throws {
        if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
        if let split, TaskSplit(rawValue: split) == nil || split == "train" {
            throw ValidationError("--split '\(split)' is not accepted; use test or ood (evolution trained on train)")
        }
        guard phi == "best" || phi == "final" else { throw ValidationError("--phi '\(phi)' is not accepted; use best or final") }
        if let baselines { _ = try Self.parseBaselines(baselines) }
    }

    static func parseBaselines(_ text: String) throws -> [LearnerKind] {
        if text == "none" || text.isEmpty { return [] }
        return try text.split(separator: ",").map { part in
            switch part.trimmingCharacters(in: .whitespaces).lowercased() {
            case "ppo": return .ppo
            case "pg", "vpg": return .vpg
            case "dpo": return .dpo
            default: throw ValidationError("--baselines: '\(part)' is not a baseline; accepted: ppo, dpo, pg (comma-separated), or none")
            }
        }
    }

    func run() throws {
        var job = ComparisonJob()
        job.split = split.flatMap(TaskSplit.init(rawValue:))
        job.seeds = seeds
        job.baselines = try baselines.map(Self.parseBaselines)
        job.bestLoss = phi == "best"
        job.env = env
        job.output = output.map { URL(fileURLWithPath: $0) }
        if path.hasSuffix(".phi") {
            try job.run(objectiveFile: URL(fileURLWithPath: path), runSeed: seed, settings: execution.settings(populations: populations))
            return
        }
        let saved = try SavedCheckpoint.locate(path, policy: .newestIntact, forWriting: output == nil)
        warnSkipped(saved)
        _ = try job.run(saved, settings: execution.settings(populations: populations))
    }
}
