/// The small seeded generator the report's resampling draws from
/// (Steele, Lea & Flood 2014, SplitMix64): a report is a pure function of its
/// data and seed, and `Report` depends on no other module.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n (Lemire's multiply-shift with rejection: no modulo bias).
    public mutating func index(below n: Int) -> Int {
        precondition(n > 0, "index(below:) needs a positive bound")
        let bound = UInt64(n)
        while true {
            let m = next().multipliedFullWidth(by: bound)
            if m.low >= (0 &- bound) % bound { return Int(m.high) }
        }
    }
}
