import Random

extension Checkpoint {
    /// Stores named random streams (their exact generator states) in the
    /// "streams" section, for state that is not derived from counters.
    public mutating func setStreams(_ streams: [String: RandomStream]) {
        var w = ByteWriter()
        w.u32(UInt32(streams.count))
        for name in streams.keys.sorted() {
            w.string(name)
            w.bytes(streams[name]!.stateBytes)
        }
        self[Self.streams] = w.bytes
    }

    /// The streams stored by `setStreams`, each continuing exactly where it
    /// was; empty when the section is absent. Throws `CheckpointError` (malformed).
    public func streams() throws -> [String: RandomStream] {
        guard let bytes = self[Self.streams] else { return [:] }
        let file = source ?? "checkpoint"
        var r = ByteReader(bytes)
        var out: [String: RandomStream] = [:]
        do {
            let count = try r.u32("stream count")
            for _ in 0..<count {
                let name = try r.string("stream name")
                out[name] = try RandomStream(state: try r.bytes("stream '\(name)' state"))
            }
            guard r.isAtEnd else { throw CheckpointError(file: file, problem: .malformed("extra bytes after the streams")) }
        } catch let e as ByteReaderError {
            throw CheckpointError(file: file, problem: .malformed("streams: \(e)"))
        } catch let e as RandomStateError {
            throw CheckpointError(file: file, problem: .malformed("streams: \(e)"))
        }
        return out
    }
}
