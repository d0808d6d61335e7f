import Checkpoint
import Config
import EPG
import Foundation
import POET
import PBT
import PolicySearch

/// Every population algorithm `populus evolve`, `resume` and `inspect` know:
/// one line each, mapping the config's `algorithm` and the checkpoint's
/// `kind` to a `PopulationRun` type. EPG, PBT and POET add their line here.
enum RunKinds {
    static let all: [RunKind] = [
        RunKind(.es, PolicySearchRun.self),
        RunKind(.epg, EPGRun.self),
        .poet, // PoetSession.swift: attaches events.jsonl
        .pbt, // PBTSession.swift: attaches lineage.jsonl
    ]

    /// The run kind a config's `algorithm` selects.
    static func forAlgorithm(_ algorithm: Algorithm) -> RunKind? { all.first { $0.algorithm == algorithm } }

    /// The run kind that wrote checkpoints of `kind`.
    static func forKind(_ kind: String) -> RunKind? { all.first { $0.kind == kind } }

    /// `config check`'s resolvers: each algorithm's document decoded by its own type.
    static var configResolvers: [Algorithm: @Sendable (ConfigDocument) throws -> String] {
        Dictionary(uniqueKeysWithValues: all.map { ($0.algorithm, $0.resolvedYAML) })
    }

    /// "es, epg, …" for messages.
    static var algorithmList: String { all.map(\.algorithm.rawValue).joined(separator: ", ") }
}

/// What the commands need from one algorithm, type-erased: built from its
/// `PopulationRun` type by `init(_:_:)`, so the generic code lives once.
struct RunKind: Sendable {
    let algorithm: Algorithm
    let kind: String
    /// Decodes the document, creates `populations/<name>/` and runs to the budget.
    let evolve: @Sendable (ConfigDocument, SessionSettings) throws -> Void
    /// Restores a checkpoint into its run directory and runs to the (new) budget.
    let resume: @Sendable (Checkpoint, RunDirectory, SessionSettings) throws -> Void
    /// The lines `populus inspect` prints for a checkpoint.
    let inspect: @Sendable (Checkpoint) throws -> [(label: String, value: String)]
    /// The document decoded and written back with every default.
    let resolvedYAML: @Sendable (ConfigDocument) throws -> String

    init<Run: PopulationRun & SendableMetatype>(_ algorithm: Algorithm, _ type: Run.Type)
        where Run.Configuration: RunConfiguration
    {
        self.algorithm = algorithm
        kind = Run.kind
        evolve = { document, settings in try Session<Run>.evolve(document, settings) }
        resume = { checkpoint, directory, settings in try Session<Run>.resume(checkpoint, in: directory, settings) }
        inspect = { checkpoint in try Session<Run>.inspect(checkpoint) }
        resolvedYAML = { document in try document.resolvedYAML(Run.Configuration.self) }
    }
}

/// Execution settings shared by `evolve` and `resume` (never results).
struct SessionSettings: Sendable {
    /// Worker threads (results are identical for any value).
    var threads: Int
    /// Where run directories live (`populations/`).
    var populations: URL
    /// `evolve`: replace an existing run of the same name.
    var overwrite = false
    /// `resume`: the new budget G, when given.
    var generations: Int? = nil
    /// No per-generation output.
    var quiet = false
}

/// A user-facing failure: printed as `error: …` and exit status 2.
struct UsageFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
