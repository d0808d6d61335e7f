import ArgumentParser
import Checkpoint
import Config
import Foundation

/// The generic evolve / resume / inspect of any `PopulationRun`: decoding its
/// configuration, the run directory, the driver, progress and Ctrl-C.
enum Session<Run: PopulationRun> where Run.Configuration: RunConfiguration {
    /// What a run kind does to its run once the run directory is known,
    /// before the driver takes (copies) the run: nothing by default;
    /// `AttachedSession` attaches runs that write files of their own.
    typealias Prepare = (inout Run, RunDirectory) throws -> Void

    /// `populus evolve`: a fresh run of the document's configuration.
    static func evolve(_ document: ConfigDocument, _ settings: SessionSettings, prepare: Prepare = { _, _ in }) throws {
        let configuration = try exitOnConfigError { try document.decode(Run.Configuration.self) }
        let yaml = try exitOnConfigError { try ConfigWriter.yaml(configuration) }
        var run = try exitOnConfigError { try Run(configuration: configuration, threads: settings.threads) }
        let directory: RunDirectory
        do {
            directory = try RunDirectory.create(name: configuration.name, under: settings.populations, config: yaml,
                                                overwrite: settings.overwrite)
        } catch let error as RunDirectoryError {
            throw UsageFailure(error.description)
        }
        try prepare(&run, directory)
        let driver = try RunDriver(starting: run, configText: yaml, directory: directory)
        say(settings, "evolving \(configuration.name): \(Run.kind) on \(configuration.env), \(configuration.generations) generations, \(settings.threads) thread\(settings.threads == 1 ? "" : "s") → \(directory.root.path)")
        try drive(driver, settings)
    }

    /// `populus resume`: continues from `checkpoint`, with the budget raised when asked.
    static func resume(_ checkpoint: Checkpoint, in directory: RunDirectory, _ settings: SessionSettings,
                       prepare: Prepare = { _, _ in }) throws {
        var configuration = try configuration(of: checkpoint)
        if let g = settings.generations {
            guard g >= checkpoint.generation else {
                throw UsageFailure("--generations \(g) is below the checkpoint's generation \(checkpoint.generation); a run cannot go back (resume an older checkpoint instead)")
            }
            configuration.generations = g
        }
        let yaml = try exitOnConfigError { try ConfigWriter.yaml(configuration) }
        var run = try Run(configuration: configuration, restoring: checkpoint, threads: settings.threads)
        try prepare(&run, directory)
        let driver = try RunDriver(resuming: checkpoint, run: run, configText: yaml, directory: directory)
        if checkpoint.generation >= configuration.generations {
            say(settings, "\(directory.root.path) is complete: generation \(checkpoint.generation) of \(configuration.generations) (raise the budget with --generations N)")
            return
        }
        say(settings, "resuming \(configuration.name) at generation \(checkpoint.generation) of \(configuration.generations) from \(checkpoint.source ?? "checkpoint"), \(settings.threads) thread\(settings.threads == 1 ? "" : "s")")
        try drive(driver, settings)
    }

    /// The lines of `populus inspect`.
    static func inspect(_ checkpoint: Checkpoint) throws -> [(label: String, value: String)] {
        let configuration = try configuration(of: checkpoint)
        let run = try Run(configuration: configuration, restoring: checkpoint, threads: 1)
        let table = try? MetricsTable(encoded: try checkpoint.section(Checkpoint.metrics))
        var lines: [(label: String, value: String)] = [
            ("kind", Run.kind),
            ("generation", "\(checkpoint.generation) of \(configuration.generations)"),
            ("best fitness", run.bestFitness.map(humanNumber) ?? "none yet"),
        ]
        if let table, let last = table.rows.last,
           let mean = table.columns.firstIndex(of: "fitness_mean"), let max = table.columns.firstIndex(of: "fitness_max") {
            lines.append(("last fitness", "mean \(humanNumber(last[mean])), max \(humanNumber(last[max])) (generation \(Int(last[0])))"))
        } else {
            lines.append(("last fitness", "none yet"))
        }
        lines.append(("wall seconds", humanNumber(try RunDriver<Run>.wallSeconds(in: checkpoint))))
        lines.append(("digest", run.stateDigest))
        return lines + run.inspection()
    }

    /// The configuration stored in a checkpoint (the resolved YAML the run used).
    static func configuration(of checkpoint: Checkpoint) throws -> Run.Configuration {
        let text = try checkpoint.text(Checkpoint.config)
        let source = "\(checkpoint.source ?? "checkpoint") (config section)"
        return try exitOnConfigError { try ConfigDocument(yaml: text, file: source).decode(Run.Configuration.self) }
    }

    /// Runs the driver with progress output and a clean stop on Ctrl-C (exit status 130).
    static func drive(_ driver: RunDriver<Run>, _ settings: SessionSettings) throws {
        Interrupt.install()
        let progress = ProgressPrinter(quiet: settings.quiet)
        let stop = try driver.run(shouldStop: { Interrupt.requested }, observer: progress.show)
        progress.finish()
        let run = driver.run
        let best = run.bestFitness.map(humanNumber) ?? "none"
        let dir = driver.directory.root.path
        switch stop {
        case .completed:
            say(settings, "done: generation \(run.generation), best fitness \(best), \(humanNumber(driver.wallSeconds)) s in all; inspect with: populus inspect \(dir)")
        case .interrupted:
            say(settings, "interrupted at generation \(run.generation) (checkpoint written); continue with: populus resume \(dir)")
            throw ExitCode(130)
        }
    }

    static func say(_ settings: SessionSettings, _ line: String) {
        if !settings.quiet { print(line) }
    }
}

/// A number for people: integers bare, others with up to 4 significant decimals.
func humanNumber(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
    return String(format: abs(v) >= 100 ? "%.1f" : abs(v) >= 1 ? "%.3f" : "%.4g", v)
}
