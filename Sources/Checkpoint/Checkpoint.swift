import Foundation

/// A run's state at the end of a generation: named byte sections inside a
/// versioned, checksummed envelope (see `Checkpoint+Format.swift`).
///
/// Sections are the unit of ownership: the ES core writes "strategy", the
/// driver "config", "metrics", "streams", "extra"; EPG, PBT and POET add
/// their own. Order is kept as inserted, so equal content gives equal bytes.
///
///     var c = Checkpoint(kind: "es", generation: 120)
///     c[Checkpoint.strategy] = strategy.state.encoded
///     c[Checkpoint.config] = Array(yaml.utf8)
///     try store.write(c)
public struct Checkpoint: Sendable {
    /// What produced it ("es", "epg", "pbt", "poet"): a loader expecting one
    /// kind rejects the others by name.
    public var kind: String
    /// The number of generations completed when it was written.
    public var generation: Int
    /// Named sections, in insertion order.
    public private(set) var sections: [(name: String, bytes: [UInt8])] = []
    /// The file it was read from (for error messages), nil when built in memory.
    public var source: String?

    // Conventional section names.
    public static let strategy = "strategy"
    public static let config = "config"
    public static let metrics = "metrics"
    public static let streams = "streams"
    public static let extra = "extra"

    public init(kind: String, generation: Int) {
        self.kind = kind
        self.generation = generation
    }

    /// A section's bytes; setting replaces it in place or appends it, setting nil removes it.
    public subscript(name: String) -> [UInt8]? {
        get { sections.first { $0.name == name }?.bytes }
        set {
            let i = sections.firstIndex { $0.name == name }
            switch (i, newValue) {
            case (let i?, let v?): sections[i].bytes = v
            case (let i?, nil): sections.remove(at: i)
            case (nil, let v?): sections.append((name, v))
            case (nil, nil): break
            }
        }
    }

    /// The names of all sections, in order.
    public var sectionNames: [String] { sections.map(\.name) }

    /// A section that must be present; throws `CheckpointError` (missing section) otherwise.
    public func section(_ name: String) throws -> [UInt8] {
        guard let bytes = self[name] else {
            throw CheckpointError(file: source ?? "checkpoint", problem: .missingSection(name))
        }
        return bytes
    }

    /// A section's bytes read as UTF-8 text (e.g. the config YAML).
    public func text(_ name: String) throws -> String {
        guard let s = String(validating: try section(name), as: UTF8.self) else {
            throw CheckpointError(file: source ?? "checkpoint", problem: .malformed("section '\(name)' is not UTF-8 text"))
        }
        return s
    }
}

extension Checkpoint: Equatable {
    /// Equal kind, generation and sections (the source file does not matter).
    public static func == (a: Checkpoint, b: Checkpoint) -> Bool {
        a.kind == b.kind && a.generation == b.generation && a.sections.count == b.sections.count
            && zip(a.sections, b.sections).allSatisfy { $0.name == $1.name && $0.bytes == $1.bytes }
    }
}
