import Agents
import Foundation
import Random

/// The hyperparameters PBT searches, in canonical order (`Tunable.all`), each
/// with its range. A point of the space is a `[Double]` aligned with
/// `dimensions` (whole numbers for integer dimensions, one of the listed
/// values for choices); every point this type hands out lies inside the bounds.
///
///     let space = try HyperparameterSpace(["learning_rate": .init(scale: .log, min: 1e-5, max: 1e-1)])
///     let x = space.sample(RandomStream(seed: 1, path: ["prior", 0]))    // [0.0031…]
///     var h = PPOHyperparameters(); space.apply(x, to: &h)              // h.learningRate == x[0]
public struct HyperparameterSpace: Sendable, Equatable {
    /// One searched hyperparameter.
    public struct Dimension: Sendable, Equatable {
        public let name: String
        public let range: HyperparameterRange
        var tunable: Tunable { Tunable.named(name)! }

        public static func == (a: Dimension, b: Dimension) -> Bool { a.name == b.name && a.range == b.range }
    }

    /// The searched hyperparameters in canonical order.
    public let dimensions: [Dimension]

    /// The space of a config's `pbt.hyperparameters` mapping; throws
    /// `SpaceError` naming the first unknown name or invalid range.
    public init(_ ranges: [String: HyperparameterRange]) throws(SpaceError) {
        for name in ranges.keys.sorted() where Tunable.named(name) == nil {
            throw SpaceError(key: name, message: "'\(name)' is not a hyperparameter PBT can change; accepted: \(Tunable.names)")
        }
        if ranges["minibatch_size"] != nil && ranges["num_minibatches"] != nil {
            throw SpaceError(key: "minibatch_size", message: "search minibatch_size or num_minibatches, not both (they set the same field)")
        }
        var dims: [Dimension] = []
        for t in Tunable.all {
            guard let r = ranges[t.name] else { continue }
            if let p = r.problems(for: t).first { throw SpaceError(key: "\(t.name).\(p.key)", message: p.message) }
            dims.append(Dimension(name: t.name, range: r))
        }
        dimensions = dims
    }

    /// No dimensions.
    public static let empty = try! HyperparameterSpace([:])

    /// The dimensions' names, in order.
    public var names: [String] { dimensions.map(\.name) }

    /// The index of `name`, nil when it is not searched.
    public func index(of name: String) -> Int? { dimensions.firstIndex { $0.name == name } }

    /// True when every value of `x` lies inside its dimension's bounds (or choices).
    public func contains(_ x: [Double]) -> Bool {
        x.count == dimensions.count && zip(dimensions, x).allSatisfy { d, v in
            let r = d.range
            switch r.scale {
            case .choice: return (r.choices ?? []).contains(v)
            case .integer: return v == v.rounded() && v >= r.lowerBound && v <= r.upperBound
            default: return v >= r.lowerBound && v <= r.upperBound
            }
        }
    }

    /// `base` with every searched field set from `x`.
    public func apply(_ x: [Double], to base: inout PPOHyperparameters) {
        precondition(x.count == dimensions.count, "a point of \(x.count) values for \(dimensions.count) dimensions")
        for (d, v) in zip(dimensions, x) { d.tunable.apply(v, to: &base) }
    }

    /// The point `h` holds, each value moved inside its bounds (a choice takes
    /// the nearest listed value): where members start with `initial: base`.
    public func point(of h: PPOHyperparameters) -> [Double] {
        dimensions.indices.map { clamp(dimensions[$0].tunable.value(in: h), $0) }
    }

    /// A draw from the prior of every dimension (uniform on its scale).
    public func sample(_ rng: RandomStream) -> [Double] {
        dimensions.indices.map { sample($0, rng) }
    }

    /// A draw from dimension `i`'s prior.
    public func sample(_ i: Int, _ rng: RandomStream) -> Double {
        let r = dimensions[i].range
        let lo = r.lowerBound, hi = r.upperBound
        switch r.scale {
        case .linear:
            return clamp(lo + rng.uniform() * (hi - lo), i)
        case .log:
            return clamp(exp(Foundation.log(lo) + rng.uniform() * (Foundation.log(hi) - Foundation.log(lo))), i)
        case .logComplement:
            let a = Foundation.log(1 - hi), b = Foundation.log(1 - lo)
            return clamp(1 - exp(a + rng.uniform() * (b - a)), i)
        case .integer:
            return lo + Double(rng.integer(below: Int(hi - lo) + 1))
        case .choice:
            let c = r.choices!
            return c[rng.integer(below: c.count)]
        }
    }

    /// `v` moved inside dimension `i`'s bounds: clamped to [min, max] (NaN to
    /// min), rounded for integers, snapped to the nearest listed choice.
    public func clamp(_ v: Double, _ i: Int) -> Double {
        let r = dimensions[i].range
        if r.scale == .choice {
            let c = r.choices!
            guard !v.isNaN else { return c[0] }
            return c[nearestIndex(of: v, in: c)]
        }
        let lo = r.lowerBound, hi = r.upperBound
        guard !v.isNaN else { return lo }
        var out = Swift.min(Swift.max(v, lo), hi)
        if r.scale == .integer { out = Swift.min(Swift.max(out.rounded(), lo), hi) }
        return out
    }

    /// The index of the choice nearest `v` (the first on ties).
    func nearestIndex(of v: Double, in choices: [Double]) -> Int {
        var best = 0
        for k in choices.indices where abs(choices[k] - v) < abs(choices[best] - v) { best = k }
        return best
    }

    /// "learning_rate=0.0003 ent_coef=0.01" for logs and `pbt schedule`.
    public func describe(_ x: [Double]) -> String {
        zip(names, x).map { "\($0)=\(formatValue($1))" }.joined(separator: " ")
    }
}

/// A search space that is not accepted: `key` is the path under `pbt.hyperparameters`.
public struct SpaceError: Error, Equatable, CustomStringConvertible {
    public let key: String
    public let message: String
    public var description: String { "\(key): \(message)" }
}

/// A value as people read it: whole numbers bare, others with up to 6 significant digits.
func formatValue(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
    return String(format: "%.6g", v)
}
