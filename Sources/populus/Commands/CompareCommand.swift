import ArgumentParser
import Foundation
import PopulusKit

/// `populus compare populations/<run> [--split test|ood] [--seeds N] [--baselines ppo,pg]`.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Train fresh agents on held-out tasks with an EPG run's evolved loss (α = 0), PPO and vanilla PG under the same budget, and write populations/<run>/report/ (curves.csv, summary.json, summary.md, SVG curves, comparison.html, index.html).",
        discussion: "Seed i trains every method on held-out task i with the same agent streams. The run's compare: section supplies the defaults (split, seeds, baselines, the tuned PPO and PG settings); the flags override them. Results are bitwise identical for any --threads."
    )

    @Argument(help: ArgumentHelp("An EPG run directory (populations/<name>) or one of its checkpoint files.", valueName: "run"))
    var path: String

    @Option(help: ArgumentHelp("Held-out tasks from this split: test or ood (default: the config's compare.split).", valueName: "split"))
    var split: String?

    @Option(help: ArgumentHelp("Seeds (held-out tasks) per method (default: the config's compare.seeds).", valueName: "n"))
    var seeds: Int?

    @Option(help: ArgumentHelp("Baselines, comma-separated: ppo, pg (or none) (default: the config's compare.baselines).", valueName: "list"))
    var baselines: String?

    @Option(help: ArgumentHelp("Which φ: best (the best validated, the default) or final (the last search mean).", valueName: "which"))
    var phi = "best"

    @Option(help: ArgumentHelp("Where to write the report (default: <run>/report).", valueName: "dir"))
    var output: String?

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
            default: throw ValidationError("--baselines: '\(part)' is not a baseline; accepted: ppo, pg (comma-separated), or none")
            }
        }
    }

    func run() throws {
        let saved = try SavedCheckpoint.locate(path, policy: .newestIntact)
        warnSkipped(saved)
        var job = ComparisonJob()
        job.split = split.flatMap(TaskSplit.init(rawValue:))
        job.seeds = seeds
        job.baselines = try baselines.map(Self.parseBaselines)
        job.bestLoss = phi == "best"
        job.output = output.map { URL(fileURLWithPath: $0) }
        _ = try job.run(saved, settings: execution.settings())
    }
}
