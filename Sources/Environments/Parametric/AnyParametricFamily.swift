import Foundation
import Random

/// An encoding of any parametric family: the family's name and its typed
/// encoding. Encodes as `{"family": "walker-terrain", "encoding": {…}}`;
/// decoding looks the family up in the `EnvironmentRegistry` found under
/// `CodingUserInfoKey.environmentRegistry` (`EnvironmentRegistry.standard`
/// when absent).
public struct AnyEncoding: Codable, Sendable, Equatable, CustomStringConvertible {
    public let family: String
    /// The typed encoding (cast with `as? PointCourseEncoding` etc.).
    public let value: any ParametricEncoding

    public init(family: String, value: any ParametricEncoding) {
        self.family = family
        self.value = value
    }

    public static func == (a: AnyEncoding, b: AnyEncoding) -> Bool {
        a.family == b.family && a.value.isEqual(to: b.value)
    }

    public var description: String { value.description }

    enum CodingKeys: String, CodingKey { case family, encoding }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(family, forKey: .family)
        try value.encode(to: c.superEncoder(forKey: .encoding))
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .family)
        let registry = decoder.userInfo[.environmentRegistry] as? EnvironmentRegistry ?? .standard
        let family: AnyParametricFamily
        do {
            family = try registry.resolveParametric(name)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .family, in: c, debugDescription: "\(error)")
        }
        self.family = family.name
        self.value = try family.decode(c.superDecoder(forKey: .encoding))
    }
}

extension ParametricEncoding {
    func isEqual(to other: any ParametricEncoding) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}

/// Any parametric family behind one type, with encodings as `AnyEncoding`
/// (what POET's loop stores, mutates and checkpoints).
///
///     let family = try EnvironmentRegistry.standard.resolveParametric("point-course")
///     let child = try family.mutate(family.initialEncoding, stream: stream)
///     var env = try family.makeEnvironment(child, terrainSeed: 3)
public struct AnyParametricFamily: Sendable {
    /// The typed family (cast it, e.g. `as? PointCourseFamily`).
    public let base: any ParametricFamily
    public let initialEncoding: AnyEncoding
    let mutateBody: @Sendable (any ParametricEncoding, RandomStream) -> (any ParametricEncoding)?
    let vectorBody: @Sendable (any ParametricEncoding) -> [Double]?
    let makeBody: @Sendable (any ParametricEncoding, UInt64) -> (any Environment)?
    let decode: @Sendable (Decoder) throws -> any ParametricEncoding
    /// The family as a task distribution (for the environment registry).
    public let taskDistribution: AnyTaskDistribution

    public init<P: ParametricFamily>(_ family: P) {
        base = family
        initialEncoding = AnyEncoding(family: family.name, value: family.initialEncoding)
        mutateBody = { e, stream in (e as? P.Encoding).map { family.mutate($0, stream: stream) } }
        vectorBody = { e in (e as? P.Encoding).map { family.vector($0) } }
        makeBody = { e, seed in (e as? P.Encoding).map { family.makeEnvironment($0, terrainSeed: seed) } }
        decode = { try P.Encoding(from: $0) }
        taskDistribution = AnyTaskDistribution(ParametricTaskDistribution(family))
    }

    public var name: String { base.name }
    public var summary: String { base.summary }
    public var bounds: [ParameterBound] { base.bounds }
    public var solvedThreshold: Double { base.solvedThreshold }
    public var minimalCriterion: ClosedRange<Double> { base.minimalCriterion }
    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space { base.actionSpace }

    /// A child encoding (within bounds, different from `parent`).
    public func mutate(_ parent: AnyEncoding, stream: RandomStream) throws -> AnyEncoding {
        guard parent.family == name, let child = mutateBody(parent.value, stream) else {
            throw ParametricError.encodingMismatch(expected: name, got: parent.family)
        }
        return AnyEncoding(family: name, value: child)
    }

    /// The encoding's vector (one value per `bounds` entry).
    public func vector(_ encoding: AnyEncoding) throws -> [Double] {
        guard encoding.family == name, let v = vectorBody(encoding.value) else {
            throw ParametricError.encodingMismatch(expected: name, got: encoding.family)
        }
        return v
    }

    /// Novelty distance: Euclidean over the vectors divided by the bounds' scales.
    public func distance(_ a: AnyEncoding, _ b: AnyEncoding) throws -> Double {
        let x = try vector(a), y = try vector(b)
        var sum = 0.0
        for (i, bound) in bounds.enumerated() {
            let d = (x[i] - y[i]) / bound.scale
            sum += d * d
        }
        return sum.squareRoot()
    }

    /// Throws when the encoding belongs to another family or leaves its bounds.
    public func validate(_ encoding: AnyEncoding) throws {
        for (value, bound) in zip(try vector(encoding), bounds) where !bound.contains(value) || !value.isFinite {
            throw ParametricError.outOfBounds(family: name, parameter: bound.name, value: value,
                                              lower: bound.lower, upper: bound.upper)
        }
    }

    /// The environment of `encoding` on the course fixed by `terrainSeed`.
    public func makeEnvironment(_ encoding: AnyEncoding, terrainSeed: UInt64) throws -> any Environment {
        guard encoding.family == name, let env = makeBody(encoding.value, terrainSeed) else {
            throw ParametricError.encodingMismatch(expected: name, got: encoding.family)
        }
        return env
    }

    /// Decodes an encoding of this family (e.g. from a config section).
    public func decodeEncoding(from decoder: Decoder) throws -> AnyEncoding {
        AnyEncoding(family: name, value: try decode(decoder))
    }
}
