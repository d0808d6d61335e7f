import Config
import Foundation

/// What the commands need from one run kind, type-erased: built from its
/// `PopulationRun` type by `init(_:_:report:)`, so the generic lifecycle
/// lives once (`RunLifecycle`). Each algorithm target offers its own
/// (`ESRun.runKind`, `EPGRun.runKind`, …) and the command line lists them.
public struct RunKind: Sendable {
    /// The config's `algorithm` that selects it.
    public let algorithm: Algorithm
    /// The checkpoints' `kind`.
    public let kind: String
    /// Decodes the document, creates `populations/<name>/` and runs to the budget.
    public let evolve: @Sendable (ConfigDocument, RunSettings) throws -> Void
    /// Continues a saved run to the (new) budget.
    public let resume: @Sendable (SavedCheckpoint, RunSettings) throws -> Void
    /// The lines `populus inspect` prints.
    public let inspect: @Sendable (SavedCheckpoint) throws -> [(label: String, value: String)]
    /// The document decoded and written back with every default.
    public let resolvedYAML: @Sendable (ConfigDocument) throws -> String
    /// Writes the run's report into a directory and returns its page.
    public let report: @Sendable (SavedCheckpoint, URL, RunSettings) throws -> URL

    /// The run kind of `Run`, whose report `report` writes.
    public init<Run: PopulationRun & SendableMetatype>(
        _ algorithm: Algorithm, _ type: Run.Type,
        report: @escaping @Sendable (SavedRun<Run>, URL, RunSettings) throws -> URL
    ) {
        self.algorithm = algorithm
        kind = Run.kind
        evolve = { document, settings in try RunLifecycle<Run>.evolve(document, settings) }
        resume = { saved, settings in try RunLifecycle<Run>.resume(saved, settings) }
        inspect = { saved in try RunLifecycle<Run>.inspect(saved) }
        resolvedYAML = { document in try document.resolvedYAML(Run.Configuration.self) }
        self.report = { saved, directory, settings in
            try report(try SavedRun<Run>(saved, backend: settings.backend), directory, settings)
        }
    }
}

/// The run kinds a program knows, looked up by config algorithm or checkpoint kind.
public struct RunKinds: Sendable {
    public let all: [RunKind]

    public init(_ all: [RunKind]) { self.all = all }

    /// The run kind a config's `algorithm` selects; throws naming the ones there are.
    public func forAlgorithm(_ algorithm: Algorithm, file: String) throws -> RunKind {
        guard let kind = all.first(where: { $0.algorithm == algorithm }) else {
            throw RunError("\(file): algorithm '\(algorithm.rawValue)' is not a population run; `populus evolve` runs: \(algorithms)")
        }
        return kind
    }

    /// The run kind that wrote a checkpoint; throws naming the ones there are.
    public func forCheckpoint(_ saved: SavedCheckpoint) throws -> RunKind {
        guard let kind = all.first(where: { $0.kind == saved.checkpoint.kind }) else {
            throw RunError("\(saved.source): a '\(saved.checkpoint.kind)' checkpoint; this populus reads: \(all.map(\.kind).joined(separator: ", "))")
        }
        return kind
    }

    /// "es, epg, …" for messages.
    public var algorithms: String { all.map(\.algorithm.rawValue).joined(separator: ", ") }
}
