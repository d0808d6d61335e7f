import Foundation

/// How raw fitness (higher is better: Populus always MAXIMISES fitness) is
/// turned into the utilities u_i that weight each member's noise.
///
/// Shaping makes the update invariant to monotone transformations of the
/// fitness (ranks) or to its scale (z-score), which keeps the step size
/// meaningful when returns range over orders of magnitude.
///
/// Non-finite fitness (NaN, ±∞: a diverged rollout) counts as the worst value
/// of the generation and is reported in `ShapedFitness.nonFinite`; it never
/// reaches the mean. When every value is non-finite all utilities are zero.
public enum FitnessShaping: String, Codable, Sendable, CaseIterable {
    /// Centered ranks (Salimans et al. 2017): rank r ∈ {0…n−1} (ascending
    /// fitness, ties share their average rank) mapped to r/(n−1) − 0.5 ∈ [−0.5, 0.5].
    case centeredRanks = "centered-ranks"
    /// z-score: (f − mean)/std over the generation (all zero when std = 0).
    case zScore = "z-score"
    /// The fitness itself (non-finite values replaced by the worst finite one).
    case raw
    /// NES rank utilities (Wierstra et al. 2014, eq. 12): for the k-th best
    /// (k = 1…n), u_k = max(0, ln(n/2 + 1) − ln k) / Σ_j max(0, ln(n/2 + 1) − ln j) − 1/n.
    /// They sum to zero; SNES's default learning rates assume them.
    case nesUtilities = "nes-utilities"

    /// Shapes one generation's fitness (higher is better) into utilities.
    ///
    ///     FitnessShaping.centeredRanks.shape([3, .nan, 1]).utilities  // [0.5, -0.5, 0]
    public func shape(_ fitness: [Float]) -> ShapedFitness {
        let n = fitness.count
        let nonFinite = fitness.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
        guard n > 0 else { return ShapedFitness(utilities: [], nonFinite: 0) }
        if nonFinite == n { return ShapedFitness(utilities: [Float](repeating: 0, count: n), nonFinite: n) }
        let worst = fitness.lazy.filter(\.isFinite).min()!
        // Non-finite values become −∞ for ranking (strictly below every finite
        // value, tied among themselves) and the worst finite value otherwise.
        let sanitized = fitness.map { $0.isFinite ? $0 : worst }
        let utilities: [Float]
        switch self {
        case .centeredRanks:
            utilities = Self.centeredRanks(fitness.map { $0.isFinite ? $0 : -.infinity })
        case .zScore:
            var mean = 0.0
            for f in sanitized { mean += Double(f) }
            mean /= Double(n)
            var variance = 0.0
            for f in sanitized { variance += (Double(f) - mean) * (Double(f) - mean) }
            let std = (variance / Double(n)).squareRoot()
            utilities = sanitized.map { std > 0 ? Float((Double($0) - mean) / std) : 0 }
        case .raw:
            utilities = sanitized
        case .nesUtilities:
            utilities = Self.nesUtilities(fitness.map { $0.isFinite ? $0 : -.infinity })
        }
        return ShapedFitness(utilities: utilities, nonFinite: nonFinite)
    }

    /// Assigns `weights[k]` to the member at position k of the ascending
    /// order (k = 0 is the worst); tied values share the mean weight of the
    /// positions they span, so equal fitness always gets equal utility.
    static func rankTransform(_ values: [Float], weights: (Int) -> Double) -> [Float] {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var out = [Float](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            var shared = 0.0
            for k in start..<end { shared += weights(k) }
            shared /= Double(end - start)
            for k in start..<end { out[order[k]] = Float(shared) }
            start = end
        }
        return out
    }

    static func centeredRanks(_ values: [Float]) -> [Float] {
        let n = values.count
        guard n > 1 else { return [Float](repeating: 0, count: n) }
        return rankTransform(values) { Double($0) / Double(n - 1) - 0.5 }
    }

    static func nesUtilities(_ values: [Float]) -> [Float] {
        let n = values.count
        let top = log(Double(n) / 2 + 1)
        // raw[k − 1] for the k-th best, k = 1…n.
        let raw = (1...n).map { max(0, top - log(Double($0))) }
        let total = raw.reduce(0, +)
        return rankTransform(values) { position in raw[n - 1 - position] / total - 1 / Double(n) }
    }
}

/// Utilities of one generation (member order) and how many members had
/// non-finite fitness.
public struct ShapedFitness: Sendable, Equatable {
    public var utilities: [Float]
    public var nonFinite: Int
}
