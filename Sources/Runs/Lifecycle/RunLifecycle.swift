import Checkpoint
import Config
import Foundation

/// Start, resume and inspect of any `PopulationRun`: decoding its
/// configuration, the run directory, the driver, progress and the stop on
/// SIGINT/SIGTERM. `RunKind` erases the type for the command line.
public enum RunLifecycle<Run: PopulationRun> {
    /// `populus evolve`: a fresh run of the document's configuration.
    public static func evolve(_ document: ConfigDocument, _ settings: RunSettings) throws {
        StopSignal.install()
        let configuration = try document.decode(Run.Configuration.self)
        let yaml = try ConfigWriter.yaml(configuration)
        let run = try Run(configuration: configuration, backend: settings.backend)
        let directory = try RunDirectory.create(name: configuration.name, under: settings.populations, config: yaml,
                                                overwrite: settings.overwrite)
        let driver = try RunDriver(starting: run, configText: yaml, directory: directory)
        let threads = settings.threads
        settings.say("evolving \(configuration.name): \(Run.kind) on \(configuration.env), \(configuration.generations) generations, \(threads) thread\(threads == 1 ? "" : "s") → \(directory.root.path)")
        try drive(driver, settings)
    }

    /// `populus resume`: continues from `saved`, with the budget raised when asked.
    public static func resume(_ saved: SavedCheckpoint, _ settings: RunSettings) throws {
        StopSignal.install()
        let checkpoint = saved.checkpoint
        var configuration = try SavedRun<Run>.configuration(of: checkpoint)
        if let g = settings.generations {
            guard g >= checkpoint.generation else {
                throw RunError("--generations \(g) is below the checkpoint's generation \(checkpoint.generation); a run cannot go back (resume an older checkpoint instead)")
            }
            configuration.generations = g
        }
        let yaml = try ConfigWriter.yaml(configuration)
        let run = try Run(configuration: configuration, restoring: checkpoint, backend: settings.backend)
        let driver = try RunDriver(resuming: checkpoint, run: run, configText: yaml, directory: saved.directory)
        let path = saved.directory.root.path
        if checkpoint.generation >= configuration.generations {
            settings.say("\(path) is complete: generation \(checkpoint.generation) of \(configuration.generations) (raise the budget with --generations N)")
            return
        }
        let threads = settings.threads
        settings.say("resuming \(configuration.name) at generation \(checkpoint.generation) of \(configuration.generations) from \(saved.source), \(threads) thread\(threads == 1 ? "" : "s")")
        try drive(driver, settings)
    }

    /// The lines of `populus inspect`.
    public static func inspect(_ saved: SavedCheckpoint) throws -> [(label: String, value: String)] {
        let checkpoint = saved.checkpoint
        let restored = try SavedRun<Run>(saved)
        let run = restored.run
        var lines: [(label: String, value: String)] = [
            ("kind", Run.kind),
            ("generation", "\(checkpoint.generation) of \(run.configuration.generations)"),
            ("best fitness", run.bestFitness.map(humanNumber) ?? "none yet"),
        ]
        let table = restored.metrics
        if let last = table.rows.last,
           let mean = table.columns.firstIndex(of: "fitness_mean"), let max = table.columns.firstIndex(of: "fitness_max") {
            lines.append(("last fitness", "mean \(humanNumber(last[mean])), max \(humanNumber(last[max])) (generation \(Int(last[0])))"))
        } else {
            lines.append(("last fitness", "none yet"))
        }
        lines.append(("wall seconds", humanNumber(try RunDriver<Run>.wallSeconds(in: checkpoint))))
        lines.append(("digest", run.stateDigest))
        return lines + run.inspection()
    }

    /// Runs the driver with progress output and the stop on SIGINT/SIGTERM
    /// (`StopSignal`: at once, mid-generation, exit 130 or 143; a signal that
    /// finds the driver between generations gets a checkpoint of it first).
    /// A write that fails (a full disk, a read-only directory) ends the run
    /// with the error, naming the file and the errno, and the checkpoint to
    /// resume from once the cause is fixed.
    public static func drive(_ driver: RunDriver<Run>, _ settings: RunSettings) throws {
        StopSignal.install()
        let path = driver.directory.root.path
        StopSignal.watch(path)
        defer { StopSignal.watch(nil) }
        let progress = ProgressPrinter(quiet: settings.quiet)
        let stop: DriverStop
        do {
            stop = try driver.run(shouldStop: { StopSignal.requested }, observer: progress.show)
        } catch let error as CheckpointError {
            progress.finish()
            guard case .io = error.problem else { throw error }
            throw RunWriteFailure(error: error, kept: driver.lastCheckpoint, path: path)
        }
        progress.finish()
        let run = driver.run
        let best = run.bestFitness.map(humanNumber) ?? "none"
        switch stop {
        case .completed:
            settings.say("done: generation \(run.generation), best fitness \(best), \(humanNumber(driver.wallSeconds)) s in all; inspect with: populus inspect \(path)")
        case .interrupted:
            StopSignal.leave(StopSignal.received, midGeneration: false)
        }
    }
}
