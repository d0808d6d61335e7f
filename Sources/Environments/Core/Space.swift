/// The set an observation or an action lives in (Gymnasium's `spaces.Discrete`
/// and `spaces.Box`, always `float32` for boxes).
public enum Space: Sendable, Equatable, CustomStringConvertible {
    /// The integers `0..<n`.
    case discrete(Int)
    /// The box `low[i] ≤ x[i] ≤ high[i]`; bounds may be ±∞.
    case box(low: [Float], high: [Float])

    /// A box of `dimension` components all bounded by `[low, high]`.
    public static func box(dimension: Int, low: Float, high: Float) -> Space {
        .box(low: Array(repeating: low, count: dimension), high: Array(repeating: high, count: dimension))
    }

    /// True for `discrete`.
    public var isDiscrete: Bool {
        if case .discrete = self { return true }
        return false
    }

    /// Number of choices of a discrete space, `nil` for a box.
    public var discreteCount: Int? {
        if case .discrete(let n) = self { return n }
        return nil
    }

    /// Floats needed to hold one element: the box's dimension, or 1 for a
    /// discrete space (its index).
    public var dimension: Int {
        switch self {
        case .discrete: return 1
        case .box(let low, _): return low.count
        }
    }

    /// Whether `value` is an element of this discrete space (`0 ≤ value < n`).
    public func contains(discrete value: Int) -> Bool {
        if case .discrete(let n) = self { return value >= 0 && value < n }
        return false
    }

    public var description: String {
        switch self {
        case .discrete(let n):
            return "Discrete(\(n))"
        case .box(let low, let high):
            func bound(_ v: [Float]) -> String {
                if let first = v.first, v.allSatisfy({ $0 == first }) { return Self.format(first) }
                return "[" + v.map(Self.format).joined(separator: ", ") + "]"
            }
            return "Box(\(bound(low)), \(bound(high)), (\(low.count),))"
        }
    }

    /// A short human form: `-inf`/`inf` for infinities, no trailing `.0`.
    static func format(_ v: Float) -> String {
        if v == .infinity { return "inf" }
        if v == -.infinity { return "-inf" }
        if v == v.rounded(), abs(v) < 1e7 { return String(Int(v)) }
        return "\(v)"
    }
}
