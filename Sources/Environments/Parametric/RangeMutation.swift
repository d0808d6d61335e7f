import Foundation
import Random

/// POET's mutation of an obstacle range [low, high] (`Reproducer.populate_array`
/// in uber-research/poet, `reproduce_ops.py`): a disabled range (empty) becomes
/// `initial`; an enabled one moves each end by −δ, 0 or +δ, rounded to 0.1, one
/// of the admissible moves chosen uniformly, where admissible means
///
///     initial.low ≤ low′ ≤ maximum.low,   initial.high ≤ high′ ≤ maximum.high,
///     low′ + interval ≤ high′,            (Δlow, Δhigh) ≠ (0, 0).
///
/// So a child's range always differs from its parent's unless no move is
/// admissible (never for the families here, whose bounds leave room).
public struct RangeMutation: Sendable, Equatable {
    /// The range an obstacle kind starts from when first enabled (POET: pit
    /// [0, 0.8], stump height [0, 0.4]); also the lower bounds of the ends.
    public var initial: (low: Double, high: Double)
    /// δ (POET: 0.4 for pit gaps, 0.2 for stump heights).
    public var increment: Double
    /// Upper bounds of the ends (POET: 8 for pits, 5 for stumps).
    public var maximum: (low: Double, high: Double)
    /// Smallest admissible high − low.
    public var interval: Double

    public init(initial: (Double, Double), increment: Double, maximum: (Double, Double), interval: Double = 0) {
        self.initial = initial
        self.increment = increment
        self.maximum = maximum
        self.interval = interval
    }

    public static func == (a: RangeMutation, b: RangeMutation) -> Bool {
        a.initial == b.initial && a.increment == b.increment && a.maximum == b.maximum && a.interval == b.interval
    }

    /// The bounds of the low and the high end.
    public var lowBounds: ClosedRange<Double> { initial.low...maximum.low }
    public var highBounds: ClosedRange<Double> { initial.high...maximum.high }

    /// The mutated range: `[initial]` when `range` is empty, else one admissible move.
    public func mutate(_ range: [Double], stream: RandomStream) -> [Double] {
        guard range.count == 2 else { return [initial.low, initial.high] }
        var choices: [(Double, Double)] = []
        for d0 in [increment, 0, -increment] {
            let low = roundToTenth(range[0] + d0)
            if low > maximum.low || low < initial.low { continue }
            for d1 in [increment, 0, -increment] {
                let high = roundToTenth(range[1] + d1)
                if high > maximum.high || high < initial.high { continue }
                if d0 == 0 && d1 == 0 { continue }
                if low + interval > high { continue }
                choices.append((low, high))
            }
        }
        guard !choices.isEmpty else { return range }
        let pick = choices[stream.integer(below: choices.count)]
        return [pick.0, pick.1]
    }

    /// Whether `range` is empty (disabled) or a valid [low, high] within the bounds.
    public func admits(_ range: [Double]) -> Bool {
        if range.isEmpty { return true }
        return range.count == 2 && lowBounds.contains(range[0]) && highBounds.contains(range[1])
            && range[0] + interval <= range[1] + 1e-9
    }
}

/// numpy's `np.round(x, 1)` for the values mutation produces (halves round to even).
public func roundToTenth(_ x: Double) -> Double {
    (x * 10).rounded(.toNearestOrEven) / 10
}
