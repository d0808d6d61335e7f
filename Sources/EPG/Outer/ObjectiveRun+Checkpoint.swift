import Checkpoint
import Evolution
import Foundation

extension ObjectiveRun {
    /// The name of the family's own checkpoint section ("epg", "lpo").
    public static var section: String { Family.kind }

    /// Sections "strategy" (the ES state: μ = φ, σ, Adam's moments, best
    /// member) and the family's (`section`): version 1, the last validation return (NaN: none),
    /// then a flag and — when set — the best validated φ's return,
    /// generation and genome.
    public func save(into checkpoint: inout Checkpoint) {
        checkpoint[Checkpoint.strategy] = strategy.state.encoded
        checkpoint[Self.section] = ownSection
    }

    var ownSection: [UInt8] {
        var w = ByteWriter()
        w.u8(1)
        w.double(lastValidation ?? .nan)
        if let best {
            w.u8(1)
            w.double(best.testReturn)
            w.int(best.generation)
            w.floats(best.genome)
        } else {
            w.u8(0)
        }
        return w.bytes
    }

    static func decodeOwnSection(_ checkpoint: Checkpoint, genomeLength: Int) throws -> (ValidatedLoss?, Double?) {
        try decodeObjectiveSection(checkpoint, name: section, genomeLength: genomeLength)
    }

    /// The best fitness of any candidate so far (training tasks).
    public var bestFitness: Double? { strategy.state.best.map { Double($0.fitness) } }

    /// SHA-256 over the strategy state and EPG's own section.
    public var stateDigest: String { SHA256.hex(strategy.state.encoded + ownSection) }

    public func inspection() -> [(label: String, value: String)] {
        let c = configuration
        var lines = c.sections.describe(lifetimes, env: c.env) + [
            ("strategy", "\(c.es.strategy.rawValue)\(c.es.antithetic ? ", antithetic" : ""), population \(c.es.populationSize), K = \(c.outer.tasksPerCandidate) tasks each, \(c.es.shaping.rawValue)"),
        ]
        if c.outer.alphaAnnealGenerations > 0 {
            lines.append(("alpha", "\(alpha) (next generation; 0 after generation \(c.outer.alphaAnnealGenerations))"))
        }
        lines += [
            ("sigma mean", "\(strategy.state.sigmaMean)"),
            ("phi norm", String(format: "%.6g", euclideanNorm(strategy.mean))),
        ]
        if let lastValidation { lines.append(("last test return", String(format: "%.6g", lastValidation))) }
        if let best {
            lines.append(("best phi", String(format: "test return %.6g at generation %ld", best.testReturn, best.generation)))
        }
        return lines
    }
}

/// An evolved-objective run's own section (named after its kind): the last
/// validation return and the best validated φ.
func decodeObjectiveSection(_ checkpoint: Checkpoint, name section: String,
                            genomeLength: Int) throws -> (ValidatedLoss?, Double?) {
    let file = checkpoint.source ?? "checkpoint"
    func malformed(_ why: String) -> CheckpointError { CheckpointError(file: file, problem: .malformed("\(section) section: \(why)")) }
    var r = ByteReader(try checkpoint.section(section))
    do {
        let version = try r.u8("version")
        guard version == 1 else { throw malformed("version \(version) is not supported (expected 1)") }
        let last = try r.double("last validation return")
        var best: ValidatedLoss?
        switch try r.u8("best flag") {
        case 0: best = nil
        case 1:
            let score = try r.double("best validation return")
            let generation = try r.int("best generation")
            let genome = try r.floats("best φ")
            guard genome.count == genomeLength else {
                throw malformed("the best φ has \(genome.count) values; the objective has \(genomeLength)")
            }
            guard generation >= 0, generation <= checkpoint.generation else {
                throw malformed("the best φ is from generation \(generation), after the checkpoint's \(checkpoint.generation)")
            }
            best = ValidatedLoss(genome: genome, testReturn: score, generation: generation)
        case let flag: throw malformed("best flag \(flag) (expected 0 or 1)")
        }
        guard r.isAtEnd else { throw malformed("\(r.remaining) unexpected trailing bytes") }
        return (best, last.isNaN ? nil : last)
    } catch let e as ByteReaderError {
        throw malformed("\(e)")
    }
}
