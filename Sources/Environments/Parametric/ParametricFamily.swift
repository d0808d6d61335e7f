import Foundation
import Random

/// What a parametric environment's encoding must be: storable in checkpoints
/// (POET's `Env_config`), printable in logs, comparable for deduplication.
public protocol ParametricEncoding: Codable, Sendable, Equatable, CustomStringConvertible {}

/// One component of a family's encoding vector (`ParametricFamily.vector`):
/// its name, the interval mutation keeps it in, and the scale novelty divides
/// it by.
public struct ParameterBound: Sendable, Equatable, Codable, CustomStringConvertible {
    public var name: String
    public var lower: Double
    public var upper: Double
    /// Novelty compares `value / scale` (POET's `norm`).
    public var scale: Double

    public init(_ name: String, lower: Double, upper: Double, scale: Double) {
        precondition(lower <= upper && scale > 0, "bad bound for \(name)")
        self.name = name
        self.lower = lower
        self.upper = upper
        self.scale = scale
    }

    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }

    public var description: String { "\(name) ∈ [\(lower), \(upper)] (scale \(scale))" }
}

/// A family of environments indexed by an encoding θ_E that an open-ended
/// loop mutates — POET's environment "niches" (Wang et al. 2019, *Paired
/// Open-Ended Trailblazer*, §3). The loop starts from `initialEncoding` (the
/// flat, easiest environment), makes children with `mutate`, ranks them by
/// novelty using `distance`, builds environments with `makeEnvironment`, and
/// counts an environment as solved when an agent scores `solvedThreshold`.
///
///     let family = PointCourseFamily()
///     var e = family.initialEncoding
///     let stream = RandomStream(seed: 1, path: ["poet", "mutate", 0])
///     for _ in 0..<5 { e = family.mutate(e, stream: stream) }   // harder, within bounds
///     var env = family.makeEnvironment(e, terrainSeed: 7)         // its own fixed course
///     let novelty = family.distance(e, family.initialEncoding)
///
/// The course of an environment (terrain, obstacle placement) is a pure
/// function of (encoding, terrain seed): POET pairs each niche with its own
/// seed. Per-episode randomness (an initial push) comes from `reset`'s stream.
public protocol ParametricFamily: Sendable {
    associatedtype Encoding: ParametricEncoding
    associatedtype Env: Environment

    /// Registry name (`walker-terrain`).
    var name: String { get }
    /// One sentence for `populus env list`.
    var summary: String { get }
    /// The start of the open-ended search: the flat, easiest environment.
    var initialEncoding: Encoding { get }
    /// The components of `vector(_:)`, in order, with their bounds and novelty scales.
    var bounds: [ParameterBound] { get }
    /// Score at which an environment counts as solved (walker: 230).
    var solvedThreshold: Double { get }
    /// The minimal criterion [mc_low, mc_high] a child must meet to be
    /// admitted, suggested for this family (walker: 50…300).
    var minimalCriterion: ClosedRange<Double> { get }
    var observationSpace: Space { get }
    var actionSpace: Space { get }

    /// A child of `parent`: within bounds and different from it in at least
    /// one parameter. All draws come from `stream`.
    func mutate(_ parent: Encoding, stream: RandomStream) -> Encoding
    /// The encoding as numbers, one per `bounds` entry (unnormalised).
    func vector(_ encoding: Encoding) -> [Double]
    /// The environment of `encoding` on the course fixed by `terrainSeed`.
    func makeEnvironment(_ encoding: Encoding, terrainSeed: UInt64) -> Env
}

extension ParametricFamily {
    /// Novelty distance: Euclidean distance between the encoding vectors, each
    /// component divided by its `scale` (POET's `euclidean_distance` with
    /// `normalize=True`). A metric on encodings whose vectors differ.
    public func distance(_ a: Encoding, _ b: Encoding) -> Double {
        let x = vector(a), y = vector(b)
        var sum = 0.0
        for (i, bound) in bounds.enumerated() {
            let d = (x[i] - y[i]) / bound.scale
            sum += d * d
        }
        return sum.squareRoot()
    }

    /// Whether every component of the encoding lies within its bound.
    public func contains(_ encoding: Encoding) -> Bool {
        zip(vector(encoding), bounds).allSatisfy { $0.1.contains($0.0) }
    }

    /// Throws `ParametricError.outOfBounds` naming the first component outside its bound.
    public func validate(_ encoding: Encoding) throws {
        for (value, bound) in zip(vector(encoding), bounds) where !bound.contains(value) || !value.isFinite {
            throw ParametricError.outOfBounds(family: name, parameter: bound.name, value: value,
                                              lower: bound.lower, upper: bound.upper)
        }
    }

    public var minimalCriterion: ClosedRange<Double> { 50...300 }
}

/// Why an encoding was refused.
public enum ParametricError: Error, Equatable, CustomStringConvertible {
    case outOfBounds(family: String, parameter: String, value: Double, lower: Double, upper: Double)
    case encodingMismatch(expected: String, got: String)
    case unknownFamily(String, known: [String])

    public var description: String {
        switch self {
        case .outOfBounds(let family, let parameter, let value, let lower, let upper):
            return "\(family): \(parameter) = \(value) is outside its bounds [\(lower), \(upper)]"
        case .encodingMismatch(let expected, let got):
            return "an encoding of '\(got)' was given to '\(expected)'"
        case .unknownFamily(let name, let known):
            return "unknown parametric environment '\(name)'; known: \(known.joined(separator: ", "))"
        }
    }
}
