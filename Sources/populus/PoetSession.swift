import Checkpoint
import Config
import Foundation
import POET

/// A run that writes files of its own next to `metrics.csv` (POET's
/// `events.jsonl`): it is attached to its directory before the driver takes
/// it, and on resume the file is rewritten to match the checkpoint.
protocol DirectoryAttaching {
    mutating func attach(to directory: RunDirectory) throws
}

extension POETRun: DirectoryAttaching {}

extension RunKind {
    /// POET: the generic session plus `events.jsonl` (see `AttachedSession`).
    static var poet: RunKind {
        RunKind(algorithm: .poet, kind: POETRun.kind,
                evolve: AttachedSession<POETRun>.evolve, resume: AttachedSession<POETRun>.resume,
                inspect: { try Session<POETRun>.inspect($0) },
                resolvedYAML: { try $0.resolvedYAML(POETConfiguration.self) })
    }
}

/// `Session`'s evolve and resume for a `DirectoryAttaching` run: the same
/// steps, with `attach(to:)` called on the run before the driver copies it.
/// (Once `PopulationRun` itself has the hook and the driver calls it, this
/// gives way to `RunKind(.poet, POETRun.self)`.)
enum AttachedSession<Run: PopulationRun & DirectoryAttaching & SendableMetatype> where Run.Configuration: RunConfiguration {
    typealias S = Session<Run>

    @Sendable static func evolve(_ document: ConfigDocument, _ settings: SessionSettings) throws {
        let configuration = try exitOnConfigError { try document.decode(Run.Configuration.self) }
        let yaml = try exitOnConfigError { try ConfigWriter.yaml(configuration) }
        var run = try Run(configuration: configuration, threads: settings.threads)
        let directory: RunDirectory
        do {
            directory = try RunDirectory.create(name: configuration.name, under: settings.populations, config: yaml,
                                                overwrite: settings.overwrite)
        } catch let error as RunDirectoryError {
            throw UsageFailure(error.description)
        }
        try run.attach(to: directory)
        let driver = try RunDriver(starting: run, configText: yaml, directory: directory)
        S.say(settings, "evolving \(configuration.name): \(Run.kind) on \(configuration.env), \(configuration.generations) generations, \(settings.threads) thread\(settings.threads == 1 ? "" : "s") → \(directory.root.path)")
        try S.drive(driver, settings)
    }

    @Sendable static func resume(_ checkpoint: Checkpoint, in directory: RunDirectory, _ settings: SessionSettings) throws {
        var configuration = try S.configuration(of: checkpoint)
        if let g = settings.generations {
            guard g >= checkpoint.generation else {
                throw UsageFailure("--generations \(g) is below the checkpoint's generation \(checkpoint.generation); a run cannot go back (resume an older checkpoint instead)")
            }
            configuration.generations = g
        }
        let yaml = try exitOnConfigError { try ConfigWriter.yaml(configuration) }
        var run = try Run(configuration: configuration, restoring: checkpoint, threads: settings.threads)
        try run.attach(to: directory)
        let driver = try RunDriver(resuming: checkpoint, run: run, configText: yaml, directory: directory)
        if checkpoint.generation >= configuration.generations {
            S.say(settings, "\(directory.root.path) is complete: generation \(checkpoint.generation) of \(configuration.generations) (raise the budget with --generations N)")
            return
        }
        S.say(settings, "resuming \(configuration.name) at generation \(checkpoint.generation) of \(configuration.generations) from \(checkpoint.source ?? "checkpoint"), \(settings.threads) thread\(settings.threads == 1 ? "" : "s")")
        try S.drive(driver, settings)
    }
}
