import Foundation

/// A value that changes with the generation t (learning rate α_t, noise σ_t).
///
/// The value depends on t alone, so a schedule's "position" is the strategy's
/// generation counter and a resumed run continues it exactly.
///
/// In a configuration a schedule is written as a number (constant) or as one
/// of `{constant: v}`, `{exponential: {initial, decay, floor}}`,
/// `{linear: {initial, final, generations}}`.
public enum Schedule: Sendable, Equatable {
    /// v for every t.
    case constant(Float)
    /// max(floor, initial · decayᵗ): OpenAI-ES's σ and learning-rate decay
    /// with a lower bound so exploration never vanishes.
    case exponential(initial: Float, decay: Float, floor: Float)
    /// initial + (final − initial) · min(t / generations, 1): a straight line
    /// reaching `final` at t = generations and staying there.
    case linear(initial: Float, final: Float, generations: Int)

    /// The value at generation t (t ≥ 0).
    public func value(at t: Int) -> Float {
        switch self {
        case .constant(let v):
            return v
        case .exponential(let initial, let decay, let floor):
            return max(floor, Float(Double(initial) * pow(Double(decay), Double(t))))
        case .linear(let initial, let final, let generations):
            guard generations > 0, t < generations else { return final }
            let fraction = Double(t) / Double(generations)
            return Float(Double(initial) + (Double(final) - Double(initial)) * fraction)
        }
    }

    /// The value at t = 0.
    public var initial: Float { value(at: 0) }

    /// True for `.constant`.
    public var isConstant: Bool {
        if case .constant = self { return true }
        return false
    }

    /// Problems with the schedule for a quantity that must stay in `range`
    /// (e.g. σ > 0), as sentences naming `key`.
    func problems(key: String, positive: Bool) -> [SettingProblem] {
        var out: [SettingProblem] = []
        func check(_ v: Float, _ what: String) {
            if !v.isFinite || (positive && v <= 0) || (!positive && v < 0) {
                out.append(SettingProblem(key: key, "\(what) must be a finite number \(positive ? "> 0" : "≥ 0"), got \(v)"))
            }
        }
        switch self {
        case .constant(let v): check(v, "value")
        case .exponential(let initial, let decay, let floor):
            check(initial, "initial")
            check(floor, "floor")
            if !(decay > 0 && decay <= 1) { out.append(SettingProblem(key: key, "decay must be in (0, 1], got \(decay)")) }
        case .linear(let initial, let final, let generations):
            check(initial, "initial")
            check(final, "final")
            if generations <= 0 { out.append(SettingProblem(key: key, "generations must be > 0, got \(generations)")) }
        }
        return out
    }
}

extension Schedule: Codable {
    private enum Kind: String, CodingKey { case constant, exponential, linear }
    private enum Field: String, CodingKey { case initial, decay, floor, final, generations }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let v = try? single.decode(Float.self) {
            self = .constant(v)
            return
        }
        let kinds = try decoder.container(keyedBy: Kind.self)
        guard kinds.allKeys.count == 1, let kind = kinds.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "a schedule is a number or exactly one of constant: v, exponential: {initial, decay, floor}, linear: {initial, final, generations}"))
        }
        switch kind {
        case .constant:
            self = .constant(try kinds.decode(Float.self, forKey: .constant))
        case .exponential:
            let f = try kinds.nestedContainer(keyedBy: Field.self, forKey: .exponential)
            self = .exponential(initial: try f.decode(Float.self, forKey: .initial),
                                decay: try f.decode(Float.self, forKey: .decay),
                                floor: try f.decodeIfPresent(Float.self, forKey: .floor) ?? 0)
        case .linear:
            let f = try kinds.nestedContainer(keyedBy: Field.self, forKey: .linear)
            self = .linear(initial: try f.decode(Float.self, forKey: .initial),
                           final: try f.decode(Float.self, forKey: .final),
                           generations: try f.decode(Int.self, forKey: .generations))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .constant(let v):
            var c = encoder.singleValueContainer()
            try c.encode(v)
        case .exponential(let initial, let decay, let floor):
            var kinds = encoder.container(keyedBy: Kind.self)
            var f = kinds.nestedContainer(keyedBy: Field.self, forKey: .exponential)
            try f.encode(initial, forKey: .initial)
            try f.encode(decay, forKey: .decay)
            try f.encode(floor, forKey: .floor)
        case .linear(let initial, let final, let generations):
            var kinds = encoder.container(keyedBy: Kind.self)
            var f = kinds.nestedContainer(keyedBy: Field.self, forKey: .linear)
            try f.encode(initial, forKey: .initial)
            try f.encode(final, forKey: .final)
            try f.encode(generations, forKey: .generations)
        }
    }
}
