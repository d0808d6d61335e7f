import Checkpoint

/// Where a run's units of work are computed: the seam between an algorithm
/// and the machines it runs on. Every run kind evaluates its members through
/// `map` and never asks where the work ran; `LocalBackend` runs units on this
/// process's threads, and a distributed backend (Open MPI ranks) can deal the
/// same units to other processes without touching the algorithms.
///
/// A unit is named by one integer, which the run kind maps to integers of its
/// own — (generation, member or pair, task, episode) — and every random draw
/// of the unit derives from those integers, never from who computed it. The
/// closure reads only the run's state at the start of the phase, which every
/// process of a job holds identically (each applies the same updates), so a
/// unit travels as its index and its result as a small value. Results come
/// back in unit order whatever the schedule: the bits of a run never depend
/// on the number of threads or processes.
///
///     let returns: [Double] = try backend.map(population) { member, worker in
///         episodeReturn(of: member, scratch: scratch[worker])
///     }
public protocol EvaluationBackend: Sendable {
    /// Worker threads in this process; `map`'s `worker` argument is in 0..<threads
    /// (index per-thread scratch space with it).
    var threads: Int { get }

    /// True when every unit runs in this process, so state a unit changes
    /// besides its result (an agent trained in place, a cached noise row) is
    /// visible after `map` returns. A distributed backend returns false, and a
    /// run kind then carries such state back in the result (as bytes).
    var isLocal: Bool { get }

    /// Computes `work(unit, worker)` once for every unit in 0..<count and
    /// returns the results in unit order. Units may run in any order and
    /// concurrently. If any unit throws, `map` throws the error of the
    /// lowest-numbered failing unit (after every unit has finished).
    func map<Result: UnitResult>(_ count: Int,
                                 _ work: @Sendable (_ unit: Int, _ worker: Int) throws -> Result) throws -> [Result]
}

/// The result of one unit of work: small, and codable as bytes so it can
/// travel between processes.
public protocol UnitResult: Sendable {
    /// Appends the value's bytes.
    func encode(into writer: inout ByteWriter)
    /// Reads a value `encode` wrote; throws `ByteReaderError` on malformed bytes.
    init(decoding reader: inout ByteReader) throws
}

extension Float: UnitResult {
    public func encode(into writer: inout ByteWriter) { writer.float(self) }
    public init(decoding reader: inout ByteReader) throws { self = try reader.float("result") }
}

extension Double: UnitResult {
    public func encode(into writer: inout ByteWriter) { writer.double(self) }
    public init(decoding reader: inout ByteReader) throws { self = try reader.double("result") }
}

extension Int: UnitResult {
    public func encode(into writer: inout ByteWriter) { writer.int(self) }
    public init(decoding reader: inout ByteReader) throws { self = try reader.int("result") }
}

extension Array: UnitResult where Element: UnitResult {
    public func encode(into writer: inout ByteWriter) {
        writer.u64(UInt64(count))
        for element in self { element.encode(into: &writer) }
    }

    public init(decoding reader: inout ByteReader) throws {
        let count = try reader.u64("result count")
        // Every element takes at least one byte: a corrupt count cannot reserve more.
        guard count <= UInt64(reader.remaining) else {
            throw ByteReaderError(what: "result elements", needed: count, remaining: reader.remaining, offset: reader.offset)
        }
        self = []
        reserveCapacity(Int(count))
        for _ in 0..<Int(count) { append(try Element(decoding: &reader)) }
    }
}
