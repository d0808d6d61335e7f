import PopulusKit

/// `checkpoint`: a checkpoint file as `resume`, `inspect`, `report` and
/// `compare` read it — the envelope, then every section the run kinds
/// restore from.
///
/// Input: checkpoint file bytes. The file is parsed as it is first (magic,
/// lengths, CRC-32C, version); then, so that mutations inside a section
/// reach its decoder instead of stopping at the checksum, once more with
/// the payload length and the CRC rewritten to fit. The decoded checkpoint
/// goes through the driver's sections (metrics, streams, wall clock), its
/// config section, what warm starts and `zoo export` read (epg, lpo), and a
/// restore of its kind against every fixture of that kind (`FuzzFixtures`).
///
/// Checked beyond "no trap": a decoded checkpoint encodes and decodes to an
/// equal one, a restored run saves its ES strategy (and POET its event log)
/// as the bytes it was read from, and it runs one generation (as `resume`
/// would) without trapping or hanging.
enum CheckpointTarget {
    static let target = FuzzTarget(
        name: "checkpoint", summary: "checkpoint file bytes (es, epg, lpo, pbt, poet)", run: run)

    static func run(_ bytes: [UInt8]) throws {
        let asIs = try? Checkpoint(decoding: bytes, file: "fuzz.ckpt")
        let checkpoint = try asIs ?? Checkpoint(decoding: repaired(bytes), file: "fuzz.ckpt")
        let again = try? Checkpoint(decoding: checkpoint.encoded(), file: "again.ckpt")
        guard again == checkpoint else { fuzzFailure("checkpoint", "a decoded checkpoint does not survive encoding") }
        try restore(checkpoint)
    }

    /// Everything a command reads from a decoded checkpoint.
    static func restore(_ c: Checkpoint) throws {
        _ = try? c.streams()
        _ = try? RunDriver<ESRun>.wallSeconds(in: c)
        _ = try? MetricsTable(encoded: c.section(Checkpoint.metrics))
        _ = try? c.text(Checkpoint.config)
        switch c.kind {
        case ESRun.kind:
            try restore(ESRun.self, c, [FuzzFixtures.esConfiguration], canonical: [Checkpoint.strategy])
        case EPGRun.kind:
            savedLosses(c)
            try restore(EPGRun.self, c, [FuzzFixtures.epgConfiguration], canonical: [Checkpoint.strategy])
        case LPORun.kind:
            savedLosses(c)
            try restore(LPORun.self, c, FuzzFixtures.lpoConfigurations, canonical: [Checkpoint.strategy])
        case PBTRun.kind:
            try restore(PBTRun.self, c, FuzzFixtures.pbtConfigurations, canonical: [])
        case POETRun.kind:
            try restore(POETRun.self, c, [FuzzFixtures.poetConfiguration], canonical: [POETRun.eventsSection])
        default:
            break
        }
    }

    /// What `outer.warm_start` and `zoo export` read from an epg or lpo checkpoint.
    static func savedLosses(_ c: Checkpoint) {
        guard let losses = try? SavedLosses(c) else { return }
        _ = losses.choose(best: true)
        _ = losses.choose(best: false)
    }

    /// Restores `c` against each configuration (the first error is thrown
    /// when none fits); a restored run must save the `canonical` sections
    /// byte for byte as it read them.
    static func restore<Run: PopulationRun>(_ type: Run.Type, _ c: Checkpoint, _ configurations: [Run.Configuration],
                                            canonical: [String]) throws {
        _ = try? SavedRun<Run>.configuration(of: c)
        var firstError: (any Error)?
        for configuration in configurations {
            do {
                var run = try Run(configuration: configuration, restoring: c, backend: LocalBackend(threads: 1))
                _ = run.stateDigest
                _ = run.inspection()
                _ = run.bestFitness
                var saved = Checkpoint(kind: Run.kind, generation: run.generation)
                run.save(into: &saved)
                for name in canonical where saved[name] != c[name] {
                    fuzzFailure("checkpoint", "a restored \(Run.kind) run saves its '\(name)' section differently from how it was read")
                }
                // What `resume` does next: one generation (the fixtures make it
                // milliseconds), which must end in metrics or an error.
                _ = try run.runGeneration()
                return
            } catch {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
    }

    /// `bytes` with the envelope's payload length and CRC-32C rewritten to
    /// fit (unchanged when too short to hold the header).
    static func repaired(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12 else { return bytes }
        let k = Int(bytes[10]) | Int(bytes[11]) << 8
        let header = 12 + k + 16
        guard (1...255).contains(k), bytes.count >= header + 4 else { return bytes }
        var out = bytes
        let payload = UInt64(bytes.count - header - 4)
        for i in 0..<8 { out[header - 8 + i] = UInt8(truncatingIfNeeded: payload >> (8 * UInt64(i))) }
        let crc = CRC32C.checksum(out[0..<(out.count - 4)])
        for i in 0..<4 { out[out.count - 4 + i] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i))) }
        return out
    }
}
