import Checkpoint
import Environments
import Evolution
import Runs

extension POETRun {
    /// The checkpoint section holding the loop (pairs, archive, counters).
    public static let stateSection = "poet"
    /// The checkpoint section holding the event log (`events.jsonl`'s lines).
    public static let eventsSection = "events"
    static let stateVersion: UInt8 = 1

    /// The loop as it was when `checkpoint` was written.
    public init(configuration: POETConfiguration, restoring checkpoint: Checkpoint, backend: any EvaluationBackend) throws {
        try self.init(configuration: configuration, backend: backend, empty: ())
        let file = checkpoint.source ?? "checkpoint"
        func malformed(_ why: String) -> CheckpointError { CheckpointError(file: file, problem: .malformed(why)) }
        do {
            try decodeState(try checkpoint.section(Self.stateSection))
            var r = ByteReader(try checkpoint.section(Self.eventsSection))
            let count = try r.u64("event count")
            guard count <= UInt64(r.remaining / 8) else { throw malformed("events: \(count) events in \(r.remaining) bytes") }
            events = try (0..<Int(count)).map { try r.string("event \($0)") }
            guard r.isAtEnd else { throw malformed("events: \(r.remaining) trailing bytes") }
        } catch let e as ByteReaderError {
            throw malformed("poet state: \(e)")
        } catch let e as EvolutionError {
            throw malformed("poet agent: \(e)")
        } catch let e as DecodingError {
            throw malformed("poet encoding: \(e)")
        } catch let e as ParametricError {
            throw malformed("poet encoding: \(e)")
        } catch let e as POETError {
            throw malformed(e.description)
        }
    }

    public func save(into checkpoint: inout Checkpoint) {
        checkpoint[Self.stateSection] = encodedState
        var w = ByteWriter()
        w.u64(UInt64(events.count))
        for e in events { w.string(e) }
        checkpoint[Self.eventsSection] = w.bytes
    }

    /// The loop's state as bytes: counters, then active and archived pairs
    /// (encoding as JSON, terrain seed, lineage, scores, and the agent's
    /// `StrategyState.encoded`), floats as exact bit patterns.
    public var encodedState: [UInt8] {
        var w = ByteWriter()
        w.u8(Self.stateVersion)
        w.int(iteration)
        w.int(nextID)
        w.int(totals.envSteps)
        w.int(totals.transfers)
        w.int(totals.reproductions)
        for list in [pairs, archive] {
            w.u64(UInt64(list.count))
            for p in list { Self.write(p, into: &w) }
        }
        return w.bytes
    }

    /// SHA-256 of `encodedState`: equal digests, bitwise-equal loops.
    public var stateDigest: String { SHA256.hex(encodedState) }

    static func write(_ p: Pair, into w: inout ByteWriter) {
        w.int(p.id)
        w.string(p.encoding.json)
        w.u64(p.terrainSeed)
        w.int(p.parent ?? -1)
        w.int(p.createdAt)
        w.double(p.novelty)
        w.int(p.retiredAt ?? -1)
        w.int(p.transfersIn)
        w.int(p.epoch)
        w.bytes(p.strategy.state.encoded)
        w.doubles(p.recentScores)
        w.double(p.score)
        w.double(p.bestScore)
        w.int(p.solvedAt ?? -1)
    }

    mutating func decodeState(_ bytes: [UInt8]) throws {
        var r = ByteReader(bytes)
        let version = try r.u8("poet state version")
        guard version == Self.stateVersion else {
            throw POETError("poet state version \(version) is not supported (expected \(Self.stateVersion))")
        }
        iteration = try r.int("iteration")
        nextID = try r.int("next pair id")
        totals.envSteps = try r.int("environment steps")
        totals.transfers = try r.int("transfers")
        totals.reproductions = try r.int("reproductions")
        var lists: [[Pair]] = []
        for what in ["active", "archived"] {
            let count = try r.u64("\(what) pair count")
            guard count <= UInt64(r.remaining / 64) else { throw POETError("\(count) \(what) pairs in \(r.remaining) bytes") }
            lists.append(try (0..<Int(count)).map { _ in try readPair(&r) })
        }
        guard r.isAtEnd else { throw POETError("\(r.remaining) trailing bytes after the poet state") }
        (pairs, archive) = (lists[0], lists[1])
        guard iteration >= 0, !pairs.isEmpty, allPairs.allSatisfy({ $0.id < nextID }) else {
            throw POETError("inconsistent poet state (iteration \(iteration), \(pairs.count) active pairs, next id \(nextID))")
        }
        // Counters the loop adds to: far from Int.max (2⁵³, exact as Doubles).
        let counters = [("iteration", iteration), ("next pair id", nextID), ("environment steps", totals.envSteps),
                        ("transfers", totals.transfers), ("reproductions", totals.reproductions)]
            + allPairs.flatMap { [("pair \($0.id)'s transfers", $0.transfersIn), ("pair \($0.id)'s epoch", $0.epoch)] }
        if let (name, value) = counters.first(where: { !(0...(1 << 53)).contains($0.1) }) {
            throw POETError("poet state: \(name) is \(value); accepted: 0 to 2^53")
        }
    }

    func readPair(_ r: inout ByteReader) throws -> Pair {
        let id = try r.int("pair id")
        let encoding = try AnyEncoding(json: try r.string("encoding"))
        try family.validate(encoding)
        let terrainSeed = try r.u64("terrain seed")
        let parent = try r.int("parent")
        let createdAt = try r.int("created at")
        let novelty = try r.double("novelty")
        let retiredAt = try r.int("retired at")
        let transfersIn = try r.int("transfers in")
        let epoch = try r.int("agent epoch")
        let state = try StrategyState(encoded: try r.bytes("agent"))
        guard state.mean.count == rollout.network.parameterCount else {
            throw POETError("pair \(id)'s agent has \(state.mean.count) parameters; the policy has \(rollout.network.parameterCount)")
        }
        let strategy = try Strategy(configuration: configuration.es.strategyConfiguration(seed: agentSeed(pair: id, epoch: epoch)),
                                    restoring: state, threads: backend.threads)
        var p = Pair(id: id, encoding: encoding, terrainSeed: terrainSeed, parent: parent < 0 ? nil : parent,
                     createdAt: createdAt, novelty: novelty, strategy: strategy)
        p.retiredAt = retiredAt < 0 ? nil : retiredAt
        p.transfersIn = transfersIn
        p.epoch = epoch
        p.recentScores = try r.doubles("recent scores")
        p.score = try r.double("score")
        p.bestScore = try r.double("best score")
        let solvedAt = try r.int("solved at")
        p.solvedAt = solvedAt < 0 ? nil : solvedAt
        return p
    }
}

/// A POET run, checkpoint or environment that cannot be used, said in a sentence.
public struct POETError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
