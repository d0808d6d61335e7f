import Agents
import Checkpoint
import Environments
import Foundation
import Runs

/// `populus compare` from start to end: reads a saved evolved-objective run's
/// φ (an `epg` or `lpo` run, or a zoo file's), trains the methods on held-out
/// tasks (`Comparison`) — on the run's own environment or, with `env`, on
/// another one with that environment's shipped PPO settings — and writes the
/// report: the comparison's files and, for a run's own environment, the run's
/// page (`writeReport`) into `<run>/report/` or `output`.
public struct ComparisonJob: Sendable {
    /// Held-out split (nil: the config's `compare.split`, or `test` on another environment).
    public var split: TaskSplit?
    /// Seeds per method (nil: `compare.seeds`).
    public var seeds: Int?
    /// Baselines (nil: `compare.baselines`).
    public var baselines: [LearnerKind]?
    /// The best validated φ (true) or the final search mean (false).
    public var bestLoss = true
    /// Another environment to train on (a transfer), nil for the run's own.
    public var env: String?
    /// Where the report goes (nil: `<run>/report`, or `<run>/transfer/<env>` for a transfer).
    public var output: URL?

    public init() {}

    /// Runs the comparison of `saved` (an `epg` or `lpo` checkpoint) and returns the report page.
    public func run(_ saved: SavedCheckpoint, settings: RunSettings) throws -> URL {
        switch saved.checkpoint.kind {
        case EPGSections.kind: return try run(saved, EPGSections.self, settings: settings).page
        case LPOSections.kind: return try run(saved, LPOSections.self, settings: settings).page
        default:
            throw RunError("\(saved.source): a '\(saved.checkpoint.kind)' run; compare reads evolved-objective runs (epg, lpo)")
        }
    }

    /// The comparison of a saved run of `Family`, written; returns the page and the report's numbers.
    @discardableResult
    public func run<Family: ObjectiveFamily>(_ saved: SavedCheckpoint, _: Family.Type,
                                             settings: RunSettings) throws -> (page: URL, report: ComparisonReport) {
        let config = try SavedRun<ObjectiveRun<Family>>.configuration(of: saved.checkpoint)
        let (genome, which) = try SavedLosses(saved.checkpoint).choose(best: bestLoss)
        let own = try EnvironmentRegistry.standard.resolve(config.env).name
        let target = try env.map { try EnvironmentRegistry.standard.resolve($0).name } ?? own
        let transfer = target != own
        let lifetimes = transfer ? try config.sections.transferLifetimes(from: config.env, to: target)
                                 : try config.sections.lifetimes(env: config.env)
        var context: [(label: String, value: String)] = [("run", saved.directory.root.path), ("φ", which)]
        if transfer {
            context.append(("transfer", "evolved on \(config.env), trained here with \(target)'s shipped PPO settings"))
        } else {
            context += config.sections.describe(lifetimes, env: config.env)
        }
        let directory = output ?? (transfer ? saved.directory.root.appendingPathComponent("transfer/\(target)")
                                            : saved.directory.root.appendingPathComponent("report"))
        let report = try compare(lifetimes: lifetimes, genome: genome, runSeed: config.seed, compare: config.compare,
                                 lastEpisodes: config.fitness.episodes, ownSplit: !transfer,
                                 title: "\(Family.kind.uppercased()) vs baselines: \(saved.directory.name)",
                                 context: context, directory: directory, settings: settings)
        var page = directory.appendingPathComponent("comparison.html")
        if !transfer {
            page = try ObjectiveRun<Family>.writeReport(try SavedRun<ObjectiveRun<Family>>(saved), to: directory, settings)
        }
        settings.say("report: \(page.path)")
        return (page, report)
    }

    /// The comparison of a zoo file's drift on `env` (its own environment when
    /// nil) with that environment's shipped PPO settings, held-out tasks drawn
    /// under `runSeed`; written to `output` or `populations/compare-<file>-<env>/`.
    @discardableResult
    public func run(objectiveFile url: URL, runSeed: UInt64, settings: RunSettings) throws -> (page: URL, report: ComparisonReport) {
        let file = try ObjectiveFile(contentsOf: url)
        var sections = LPOSections()
        sections.objective = file.objective
        let target = try EnvironmentRegistry.standard.resolve(env ?? file.env).name
        let lifetimes = try sections.transferLifetimes(from: file.env, to: target)
        let name = url.deletingPathExtension().lastPathComponent
        let directory = output ?? settings.populations.appendingPathComponent("compare-\(name)-\(target)")
        let context: [(label: String, value: String)] = [
            ("objective", "\(url.path): \(file.objective.family.rawValue) over \(file.objective.base.rawValue), evolved on \(file.env) (seed \(file.seed), \(file.generations) generations, commit \(file.commit))"),
            ("agents", "\(target)'s shipped PPO settings"),
        ]
        let report = try compare(lifetimes: lifetimes, genome: file.genome, runSeed: runSeed,
                                 compare: LPOSections.defaultCompare, lastEpisodes: sections.fitness.episodes,
                                 ownSplit: false, title: "\(name) vs baselines", context: context,
                                 directory: directory, settings: settings)
        let page = directory.appendingPathComponent("comparison.html")
        settings.say("report: \(page.path)")
        return (page, report)
    }

    /// Trains and reports one comparison into `directory`.
    func compare(lifetimes: any ObjectiveLifetimes, genome: [Float], runSeed: UInt64, compare c: CompareSection,
                 lastEpisodes: Int, ownSplit: Bool, title: String, context: [(label: String, value: String)],
                 directory: URL, settings: RunSettings) throws -> ComparisonReport {
        let family = lifetimes.family
        let chosenSplit = split ?? (ownSplit ? c.split : (family.splits.contains(.test) ? .test : .train))
        guard family.splits.contains(chosenSplit) else {
            throw RunError("\(family.name) has no '\(chosenSplit)' split to compare on; accepted: \(family.splits.map(\.rawValue).joined(separator: ", "))")
        }
        let comparison = Comparison(lifetimes: lifetimes, runSeed: runSeed, genome: genome, split: chosenSplit,
                                    seeds: seeds ?? c.seeds, baselines: baselines ?? c.baselines,
                                    lastEpisodes: lastEpisodes, backend: settings.backend)
        let threads = settings.threads
        settings.say("comparing \(comparison.methods.joined(separator: ", ")) on \(comparison.seeds) held-out \(comparison.split) tasks of \(family.name), \(lifetimes.lifetimeSteps) steps each, \(threads) thread\(threads == 1 ? "" : "s")")
        let started = ContinuousClock.now
        let every = max(1, comparison.methods.count * comparison.seeds / 20)
        let result = try comparison.run { done, total in
            guard done % every == 0 || done == total else { return }
            settings.say("compare \(done)/\(total) lifetimes  \(String(format: "%.1f", seconds(ContinuousClock.now - started))) s")
        }
        let summary = ComparisonSummary(result, threshold: c.threshold, thresholdWindow: c.thresholdWindow,
                                        curvePoints: c.curvePoints)
        var lines = context
        lines.insert(("tasks", "\(family.name), held-out \(comparison.split) tasks (drawn under the run seed \(runSeed), stream 'compare')"), at: 0)
        lines += [
            ("budget", "\(lifetimes.lifetimeSteps) environment steps per lifetime"),
            ("seeds", "\(comparison.seeds) (seed i: held-out task i, same agent streams for every method)"),
        ]
        for learner in comparison.baselines {
            let h = lifetimes.baselineHyperparameters(learner)
            lines.append((Comparison.name(learner), "num_envs \(h.numEnvs), num_steps \(h.numSteps), lr \(h.learningRate)\(h.annealLR ? " (annealed)" : ""), epochs \(h.updateEpochs), minibatches \(h.numMinibatches), policy \(h.hiddenSizes)"))
        }
        lines.append(("wall time", String(format: "%.1f s", seconds(ContinuousClock.now - started))))
        let report = ComparisonReport(result: result, summary: summary,
                                      title: "\(title) on \(family.name) (\(comparison.split) split)", context: lines)
        try report.write(to: directory)
        settings.say(report.terminalSummary)
        return report
    }
}
