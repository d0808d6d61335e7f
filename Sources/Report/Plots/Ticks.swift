import Foundation

/// "Nice" axis ticks (Heckbert 1990, *Graphics Gems*): steps of 1, 2 or 5
/// times a power of ten, covering the data range with about `count` ticks.
public struct Ticks: Sendable, Equatable {
    /// The axis range, widened to whole steps.
    public var lower: Double
    public var upper: Double
    /// Tick positions from `lower` to `upper`.
    public var values: [Double]
    /// The step between ticks.
    public var step: Double

    public init(from low: Double, to high: Double, count: Int = 5) {
        var lo = low, hi = high
        if !lo.isFinite || !hi.isFinite { (lo, hi) = (0, 1) }
        if hi < lo { swap(&lo, &hi) }
        if hi - lo < 1e-12 * max(1, abs(hi)) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            (lo, hi) = (lo - pad, hi + pad)
        }
        let range = Self.nice(hi - lo, round: false)
        let step = Self.nice(range / Double(max(count - 1, 1)), round: true)
        let first = (lo / step).rounded(.down) * step, last = (hi / step).rounded(.up) * step
        lower = first
        upper = last
        self.step = step
        let n = Int(((last - first) / step).rounded()) + 1
        values = (0..<n).map { first + Double($0) * step }
    }

    /// The nice number near x: 1, 2, 5 or 10 × 10ᵏ (rounded, or the ceiling).
    static func nice(_ x: Double, round: Bool) -> Double {
        let e = floor(log10(x)), f = x / pow(10, e)
        let n: Double
        if round { n = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10 } else { n = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10 }
        return n * pow(10, e)
    }

    /// A tick label: as few decimals as the step needs, thousands as "k", millions as "M".
    public func label(_ v: Double) -> String {
        let a = abs(v)
        if a >= 1e6 && step >= 1e5 { return Self.trim(v / 1e6, decimals: max(0, -Int(floor(log10(step / 1e6))))) + "M" }
        if a >= 1e3 && step >= 100 { return Self.trim(v / 1e3, decimals: max(0, -Int(floor(log10(step / 1e3))))) + "k" }
        return Self.trim(v, decimals: max(0, -Int(floor(log10(step)))))
    }

    static func trim(_ v: Double, decimals: Int) -> String {
        let s = String(format: "%.\(min(decimals, 8))f", v)
        return s == "-0" ? "0" : s.hasPrefix("-0.") && Double(s) == 0 ? String(s.dropFirst()) : s
    }
}
