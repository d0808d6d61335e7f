import Foundation

/// Descriptive statistics of a sample, in Double, skipping nothing: a NaN
/// anywhere makes the answer NaN (callers decide what a missing value means).
public enum Descriptive {
    /// x̄ = (1/n) Σ xᵢ (NaN for an empty sample).
    public static func mean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        var s = 0.0
        for v in x { s += v }
        return s / Double(x.count)
    }

    /// The unbiased sample variance s² = Σ (xᵢ − x̄)² / (n − 1) (NaN when n < 2).
    public static func variance(_ x: [Double]) -> Double {
        guard x.count >= 2 else { return .nan }
        let m = mean(x)
        var ss = 0.0
        for v in x { ss += (v - m) * (v - m) }
        return ss / Double(x.count - 1)
    }

    /// s = √s².
    public static func standardDeviation(_ x: [Double]) -> Double { variance(x).squareRoot() }

    /// The q-quantile with linear interpolation between order statistics
    /// (Hyndman & Fan's type 7, NumPy's default): h = (n − 1)q,
    /// Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
    public static func quantile(_ x: [Double], _ q: Double) -> Double {
        guard !x.isEmpty, (0...1).contains(q) else { return .nan }
        return quantile(sorted: x.sorted(), q)
    }

    /// `quantile` of an already ascending sample (no copy).
    public static func quantile(sorted s: [Double], _ q: Double) -> Double {
        guard !s.isEmpty else { return .nan }
        let h = Double(s.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    /// The median (the 0.5-quantile).
    public static func median(_ x: [Double]) -> Double { quantile(x, 0.5) }
}
