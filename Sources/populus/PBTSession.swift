import Checkpoint
import Config
import Foundation
import PBT

/// PBT's run kind: the generic session plus `lineage.jsonl` — the run is
/// attached to its directory before the driver takes it (`AttachedSession`
/// in PoetSession.swift), so lineage is appended as the run goes and
/// rewritten to the checkpoint's records on resume. (Once `PopulationRun`
/// itself has the hook and the driver calls it, this gives way to
/// `RunKind(.pbt, PBTRun.self)`.)
extension PBTRun: DirectoryAttaching {}

extension RunKind {
    static var pbt: RunKind {
        RunKind(algorithm: .pbt, kind: PBTRun.kind,
                evolve: AttachedSession<PBTRun>.evolve, resume: AttachedSession<PBTRun>.resume,
                inspect: { try Session<PBTRun>.inspect($0) },
                resolvedYAML: { try $0.resolvedYAML(PBTConfiguration.self) })
    }

    /// A run kind from its parts (for kinds whose evolve/resume add steps to `Session`'s).
    init(algorithm: Algorithm, kind: String,
         evolve: @escaping @Sendable (ConfigDocument, SessionSettings) throws -> Void,
         resume: @escaping @Sendable (Checkpoint, RunDirectory, SessionSettings) throws -> Void,
         inspect: @escaping @Sendable (Checkpoint) throws -> [(label: String, value: String)],
         resolvedYAML: @escaping @Sendable (ConfigDocument) throws -> String) {
        self.algorithm = algorithm
        self.kind = kind
        self.evolve = evolve
        self.resume = resume
        self.inspect = inspect
        self.resolvedYAML = resolvedYAML
    }
}
