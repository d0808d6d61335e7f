import Checkpoint
import Evolution

extension StrategyState {
    static let magic: [UInt8] = Array("PESS".utf8) // Populus ES State
    static let formatVersion: UInt8 = 1

    /// The exact state as bytes: "PESS", version 1, then generation, μ, σ,
    /// optimizer (step, first, second) and the best member, little-endian with
    /// floats as IEEE-754 bit patterns (so NaN payloads and −0 survive).
    public var encoded: [UInt8] {
        var w = ByteWriter()
        w.raw(Self.magic)
        w.u8(Self.formatVersion)
        writeCore(into: &w)
        if let best {
            w.u8(1)
            w.float(best.fitness)
            w.int(best.generation)
            w.int(best.member)
            w.floats(best.genome)
        } else {
            w.u8(0)
        }
        return w.bytes
    }

    /// The part the digest covers: generation, μ, σ, optimizer moments and step.
    func writeCore(into w: inout ByteWriter) {
        w.int(generation)
        w.floats(mean)
        w.floats(sigma)
        w.int(optimizer.step)
        w.floats(optimizer.first)
        w.floats(optimizer.second)
    }

    /// Restores a state from `encoded`; throws `EvolutionError.invalidState`
    /// on anything malformed (wrong marker or version, lengths beyond the
    /// bytes given, trailing bytes). Never allocates more than the bytes describe.
    public init(encoded bytes: [UInt8]) throws {
        do {
            try self.init(reading: bytes)
        } catch let error as ByteReaderError {
            throw EvolutionError.invalidState("\(error)")
        }
    }

    private init(reading bytes: [UInt8]) throws {
        var r = ByteReader(bytes)
        guard Array(try r.take(4, "marker")) == Self.magic else {
            throw EvolutionError.invalidState("bytes do not start with the 'PESS' marker")
        }
        let version = try r.u8("version")
        guard version == Self.formatVersion else {
            throw EvolutionError.invalidState("state format version \(version) is not supported (expected \(Self.formatVersion))")
        }
        let generation = try r.int("generation")
        let mean = try r.floats("mean")
        let sigma = try r.floats("sigma")
        let step = try r.int("optimizer step")
        let first = try r.floats("optimizer first moment")
        let second = try r.floats("optimizer second moment")
        var best: BestMember? = nil
        switch try r.u8("best flag") {
        case 0: break
        case 1:
            let fitness = try r.float("best fitness")
            let g = try r.int("best generation")
            let m = try r.int("best member")
            best = BestMember(fitness: fitness, generation: g, member: m, genome: try r.floats("best genome"))
        case let flag:
            throw EvolutionError.invalidState("best-member flag is \(flag); expected 0 or 1")
        }
        guard r.remaining == 0 else { throw EvolutionError.invalidState("\(r.remaining) unexpected trailing bytes") }
        guard generation >= 0, step >= 0 else { throw EvolutionError.invalidState("negative generation or step count") }
        self.init(generation: generation, mean: mean, sigma: sigma,
                  optimizer: MeanOptimizerState(step: step, first: first, second: second), best: best)
    }

    /// SHA-256 (hex) of the generation, μ, σ and the optimizer's moments and
    /// step, as encoded bit for bit: equal digests mean bitwise-equal
    /// strategies, so two runs compare at a glance (`populus inspect`).
    public var digest: String {
        var w = ByteWriter()
        writeCore(into: &w)
        return SHA256.hex(w.bytes)
    }
}
