import Checkpoint
import Foundation

/// The one loop every population algorithm runs under: generation after
/// generation until the budget, a `metrics.csv` row each, a checkpoint every
/// `checkpointEvery` generations and at the end (the last K kept), and a
/// clean stop between generations when `shouldStop` asks. Its writes go
/// through `StopSignal.whileWriting`, so a signal never cuts one short.
///
///     let run = try RunDirectory.create(name: config.name, under: populations, config: yaml)
///     let driver = try RunDriver(starting: ESRun(configuration: config, threads: 2),
///                                configText: yaml, directory: run)
///     try driver.run { progress in print(progress.generation, progress.fitnessMean) }
///
/// A checkpoint is the run's own sections plus `config` (the resolved YAML),
/// `metrics` (the table so far) and `driver` (cumulative wall-clock seconds),
/// so a resumed run rewrites `metrics.csv` exactly and its `wall_seconds`
/// keep counting from where the checkpoint left off.
public final class RunDriver<Run: PopulationRun> {
    /// The algorithm's state.
    public private(set) var run: Run
    public let directory: RunDirectory
    /// The resolved YAML stored in every checkpoint (and in `config.yaml`).
    public let configText: String
    public let store: CheckpointStore
    let metrics: MetricsLog
    /// Wall-clock seconds the run had used before this process took over.
    let wallBase: Double
    let started = ContinuousClock.now
    var sessionGenerations = 0
    var lastCheckpoint: Int?

    /// The name of the driver's own section.
    public static var driverSection: String { "driver" }

    /// Starts a fresh run in `directory` (made by `RunDirectory.create`),
    /// attaches it to the directory and writes its generation-0 checkpoint,
    /// so even a run killed during its first generation can be resumed.
    public init(starting run: Run, configText: String, directory: RunDirectory) throws {
        precondition(run.metricsColumns.first == "generation", "\(Run.self).metricsColumns must start with 'generation'")
        var run = run
        try StopSignal.whileWriting { try run.attach(to: directory) }
        self.run = run
        self.directory = directory
        self.configText = configText
        store = try directory.checkpoints(keep: run.configuration.keepCheckpoints)
        metrics = try StopSignal.whileWriting { try MetricsLog(url: directory.metricsURL, columns: run.metricsColumns) }
        wallBase = 0
        StopSignal.note(generation: 0)
        try writeCheckpoint()
    }

    /// Continues `run` (restored from `checkpoint`) in `directory`: the run
    /// is attached to the directory (its side files rewritten to the
    /// checkpoint's state), `metrics.csv` is rewritten from the checkpoint's table (rows a killed
    /// process wrote after it are dropped), `config.yaml` is replaced by
    /// `configText` when it differs (a raised budget), and checkpoints newer
    /// than this one (corrupt, or from a future this resume abandons) are
    /// renamed `….superseded` so they never shadow the new ones.
    public init(resuming checkpoint: Checkpoint, run: Run, configText: String, directory: RunDirectory) throws {
        let file = checkpoint.source ?? "checkpoint"
        guard checkpoint.kind == Run.kind else {
            throw CheckpointError(file: file, problem: .wrongKind(expected: Run.kind, found: checkpoint.kind))
        }
        guard run.generation == checkpoint.generation else {
            throw CheckpointError(file: file, problem: .malformed(
                "the header says generation \(checkpoint.generation) but the run's state is at generation \(run.generation)"))
        }
        let table: MetricsTable
        do {
            table = try MetricsTable(encoded: try checkpoint.section(Checkpoint.metrics))
        } catch let e as ByteReaderError {
            throw CheckpointError(file: file, problem: .malformed("metrics: \(e)"))
        }
        guard table.columns == run.metricsColumns else {
            throw CheckpointError(file: file, problem: .malformed(
                "its metrics columns (\(table.columns.joined(separator: ","))) are not this version's (\(run.metricsColumns.joined(separator: ",")))"))
        }
        guard table.rows.count == checkpoint.generation else {
            throw CheckpointError(file: file, problem: .malformed(
                "it holds \(table.rows.count) metrics rows for \(checkpoint.generation) generations"))
        }
        var run = run
        self.directory = directory
        self.configText = configText
        wallBase = try Self.wallSeconds(in: checkpoint)
        let store = try directory.checkpoints(keep: run.configuration.keepCheckpoints)
        self.store = store
        metrics = try StopSignal.whileWriting {
            try run.attach(to: directory)
            for entry in store.list() where entry.generation > checkpoint.generation {
                let aside = entry.url.appendingPathExtension("superseded")
                _ = try? FileManager.default.removeItem(at: aside)
                try? FileManager.default.moveItem(at: entry.url, to: aside)
            }
            if (try? directory.config()) != configText {
                try AtomicFile.write(Array(configText.utf8), to: directory.configURL)
            }
            return try MetricsLog.resume(url: directory.metricsURL, from: table)
        }
        self.run = run
        lastCheckpoint = checkpoint.generation
        StopSignal.note(generation: checkpoint.generation)
        StopSignal.note(checkpoint: checkpoint.generation)
    }

    /// Cumulative wall-clock seconds since the run began (earlier processes
    /// included), to the microsecond.
    public var wallSeconds: Double {
        let d = ContinuousClock.now - started
        let seconds = wallBase + Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return (seconds * 1e6).rounded() / 1e6
    }

    /// The metrics so far (one row per completed generation).
    public var table: MetricsTable { metrics.table }

    /// Runs until `run.configuration.generations` generations are complete,
    /// or until `shouldStop()` (checked between generations) returns true,
    /// in which case a checkpoint is written first. `observer` hears about
    /// every generation after its row (and checkpoint, if any) is on disk.
    @discardableResult
    public func run(shouldStop: () -> Bool = { false },
                    observer: (GenerationProgress) -> Void = { _ in }) throws -> DriverStop {
        let budget = run.configuration.generations
        let columns = run.metricsColumns
        while run.generation < budget {
            if shouldStop() {
                if lastCheckpoint != run.generation { try writeCheckpoint() }
                return .interrupted
            }
            var record = try run.runGeneration()
            record.wallSeconds = wallSeconds
            let row = record.values
            precondition(row.count == columns.count, "\(Run.self) returned \(row.count) metrics for \(columns.count) columns")
            try StopSignal.whileWriting { try metrics.append(row) }
            StopSignal.note(generation: run.generation)
            sessionGenerations += 1
            var written: URL? = nil
            if run.generation % max(1, run.configuration.checkpointEvery) == 0 || run.generation >= budget {
                written = try writeCheckpoint()
            }
            let session = ContinuousClock.now - started
            observer(GenerationProgress(
                generation: run.generation, budget: budget, row: row,
                fitnessMean: record.fitnessMean, fitnessMax: record.fitnessMax,
                bestFitness: run.bestFitness, wallSeconds: record.wallSeconds,
                sessionSeconds: Double(session.components.seconds) + Double(session.components.attoseconds) * 1e-18,
                sessionGenerations: sessionGenerations, checkpoint: written))
        }
        if lastCheckpoint != run.generation { try writeCheckpoint() }
        return .completed
    }

    /// The run's state now, as a checkpoint (its sections, then config, metrics, driver).
    public func checkpoint() -> Checkpoint {
        var c = Checkpoint(kind: Run.kind, generation: run.generation)
        run.save(into: &c)
        c[Checkpoint.config] = Array(configText.utf8)
        c[Checkpoint.metrics] = metrics.table.encoded
        var w = ByteWriter()
        w.u8(1)
        w.double(wallSeconds)
        c[Self.driverSection] = w.bytes
        return c
    }

    /// Writes `checkpoint()` through the store (atomically; the last K kept).
    @discardableResult
    public func writeCheckpoint() throws -> URL {
        let url = try StopSignal.whileWriting { try store.write(checkpoint()) }
        lastCheckpoint = run.generation
        StopSignal.note(checkpoint: run.generation)
        return url
    }

    /// The cumulative wall-clock seconds recorded in a checkpoint (0 when it has no driver section).
    public static func wallSeconds(in checkpoint: Checkpoint) throws -> Double {
        guard let bytes = checkpoint[driverSection] else { return 0 }
        var r = ByteReader(bytes)
        do {
            let version = try r.u8("driver section version")
            guard version == 1 else {
                throw CheckpointError(file: checkpoint.source ?? "checkpoint",
                                      problem: .malformed("driver section version \(version) is not supported (expected 1)"))
            }
            let seconds = try r.double("wall seconds")
            guard r.isAtEnd, seconds.isFinite, seconds >= 0 else {
                throw CheckpointError(file: checkpoint.source ?? "checkpoint", problem: .malformed("driver section holds \(seconds) wall seconds"))
            }
            return seconds
        } catch let e as ByteReaderError {
            throw CheckpointError(file: checkpoint.source ?? "checkpoint", problem: .malformed("driver: \(e)"))
        }
    }
}

/// Why `RunDriver.run` returned.
public enum DriverStop: Sendable, Equatable {
    /// The budget is reached.
    case completed
    /// `shouldStop` asked for a stop; a checkpoint was written first.
    case interrupted
}

/// One finished generation, as the driver tells its observer.
public struct GenerationProgress: Sendable {
    /// Generations completed (the row is that of generation `generation − 1`).
    public let generation: Int
    /// G, the budget.
    public let budget: Int
    /// The metrics row just written.
    public let row: [Double]
    /// The generation's mean and highest fitness (NaN if the run has no such column).
    public let fitnessMean: Double
    public let fitnessMax: Double
    /// The best fitness so far.
    public let bestFitness: Double?
    /// Cumulative since the run began.
    public let wallSeconds: Double
    /// Seconds and generations in this process (for the ETA).
    public let sessionSeconds: Double
    public let sessionGenerations: Int
    /// The checkpoint written after this generation, if any.
    public let checkpoint: URL?

    /// Estimated seconds to the budget at this process's pace.
    public var etaSeconds: Double? {
        guard sessionGenerations > 0 else { return nil }
        return sessionSeconds / Double(sessionGenerations) * Double(max(0, budget - generation))
    }
}
