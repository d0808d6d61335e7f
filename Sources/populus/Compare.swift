import Agents
import ArgumentParser
import Checkpoint
import Config
import EPG
import Environments
import Foundation

extension Populus {
    /// `populus compare populations/<run> [--split test|ood] [--seeds N] [--baselines ppo,pg]`.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train fresh agents on held-out tasks with an EPG run's evolved loss (α = 0), PPO and vanilla PG under the same budget, and write populations/<run>/report/ (curves.csv, summary.json, summary.md, SVG curves, index.html).",
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
            try reportingFailures {
                let found = try CheckpointLocator.load(path, newestOnly: false)
                for problem in found.skipped {
                    FileHandle.standardError.write(Data("warning: skipped \(problem)\n".utf8))
                }
                guard found.checkpoint.kind == EPGRun.kind else {
                    throw UsageFailure("\(found.checkpoint.source ?? path): a '\(found.checkpoint.kind)' run; compare reads EPG runs (kind epg)")
                }
                let checkpoint = found.checkpoint
                let source = "\(checkpoint.source ?? path) (config section)"
                let text = try checkpoint.text(Checkpoint.config)
                let config = try exitOnConfigError { try ConfigDocument(yaml: text, file: source).decode(EPGConfiguration.self) }
                let run = try EPGRun(configuration: config, restoring: checkpoint, threads: execution.threads)
                let chosenSplit = split.flatMap(TaskSplit.init(rawValue:)) ?? config.compare.split
                let family = try EnvironmentRegistry.standard.resolve(config.env)
                guard family.splits.contains(chosenSplit) else {
                    throw UsageFailure("\(config.env) has no '\(chosenSplit)' split; accepted: \(family.splits.filter { $0 != .train }.map(\.rawValue).joined(separator: ", "))")
                }
                let genome: [Float], which: String
                if phi == "best", let best = run.best {
                    genome = best.genome
                    which = "best validated φ (generation \(best.generation), validation return \(humanNumber(best.testReturn)))"
                } else {
                    genome = run.strategy.mean
                    which = "search mean μ at generation \(run.generation)" + (phi == "best" ? " (no validation yet)" : "")
                }
                let comparison = EPG.Comparison(configuration: config, genome: genome, split: chosenSplit,
                                                seeds: seeds ?? config.compare.seeds,
                                                baselines: try baselines.map(Self.parseBaselines) ?? config.compare.baselines,
                                                threads: execution.threads)
                try Self.execute(comparison, which: which, directory: found.directory, output: output,
                                 quiet: execution.quiet)
            }
        }

        static func execute(_ comparison: EPG.Comparison, which: String, directory: RunDirectory, output: String?,
                            quiet: Bool) throws {
            let c = comparison.configuration
            let say: @Sendable (String) -> Void = { line in if !quiet { print(line); fflush(nil) } }
            say("comparing \(comparison.methods.joined(separator: ", ")) on \(comparison.seeds) held-out \(comparison.split) tasks of \(c.env), \(c.inner.lifetimeSteps) steps each, \(comparison.threads) thread\(comparison.threads == 1 ? "" : "s")")
            let started = ContinuousClock.now
            let every = max(1, comparison.methods.count * comparison.seeds / 20)
            let result = try comparison.run { done, total in
                guard done % every == 0 || done == total else { return }
                let d = ContinuousClock.now - started
                say("compare \(done)/\(total) lifetimes  \(String(format: "%.1f", Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)) s")
            }
            let summary = ComparisonSummary(result, threshold: c.compare.threshold, thresholdWindow: c.compare.thresholdWindow,
                                            curvePoints: c.compare.curvePoints)
            let elapsed = ContinuousClock.now - started
            let context: [(label: String, value: String)] = [
                ("run", directory.root.path),
                ("env", "\(c.env), held-out \(comparison.split) tasks (drawn under the run seed \(c.seed), stream 'compare')"),
                ("loss", which),
                ("budget", "\(c.inner.lifetimeSteps) environment steps per lifetime"),
                ("seeds", "\(comparison.seeds) (seed i: held-out task i, same agent streams for every method)"),
                ("evolved", "α = 0, M = \(c.inner.updateEvery), B = \(c.inner.minibatchSize), lr \(c.inner.learningRate), policy \(c.inner.hiddenSizes)"),
                ("ppo", "num_steps \(c.compare.ppo.numSteps), lr \(c.compare.ppo.learningRate), epochs \(c.compare.ppo.updateEpochs), minibatches \(c.compare.ppo.numMinibatches), policy \(c.compare.ppo.hiddenSizes)"),
                ("pg", "num_steps \(c.compare.pg.numSteps), lr \(c.compare.pg.learningRate), policy \(c.compare.pg.hiddenSizes)"),
                ("wall time", String(format: "%.1f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)),
            ]
            let report = ComparisonReport(result: result, summary: summary,
                                          title: "EPG vs baselines: \(directory.name) on \(c.env) (\(comparison.split) split)",
                                          context: context)
            let target = output.map { URL(fileURLWithPath: $0) } ?? directory.root.appendingPathComponent("report")
            try report.write(to: target)
            if !quiet {
                print(report.markdown.split(separator: "\n").filter { $0.hasPrefix("|") || $0.hasPrefix("- Final") || $0.hasPrefix("- AUC") || $0.hasPrefix("- Gradient") }.joined(separator: "\n"))
            }
            say("report: \(target.appendingPathComponent("index.html").path)")
        }
    }
}
