/// One member of a generation, identified by integers alone: its genome is
/// θ = μ + sign · σ ⊙ ε_{generation, noiseIndex} (see `NoiseField`).
///
/// With antithetic sampling member i uses noise index i/2 with sign + for
/// even i and − for odd i, so members 2p and 2p+1 are the mirrored pair p.
/// Without it member i uses noise index i with sign +.
public struct Member: Sendable, Hashable, CustomStringConvertible {
    /// The generation t it belongs to.
    public let generation: Int
    /// Its position in the fitness vector given to `tell`.
    public let index: Int
    /// p: which ε it uses (the antithetic pair).
    public let noiseIndex: Int
    /// +1 or −1.
    public let sign: Float

    public init(generation: Int, index: Int, antithetic: Bool) {
        self.generation = generation
        self.index = index
        self.noiseIndex = antithetic ? index / 2 : index
        self.sign = antithetic && index % 2 == 1 ? -1 : 1
    }

    /// The antithetic pair (= noise index).
    public var pair: Int { noiseIndex }

    public var description: String { "member \(index) of generation \(generation) (ε#\(noiseIndex), sign \(sign > 0 ? "+" : "−"))" }
}

/// Utilities arranged by noise index: the difference u₊ − u₋ and the sum
/// u₊ + u₋ of each antithetic pair (u and u when sampling is independent).
struct PairedUtilities {
    var difference: [Float]
    var total: [Float]
    /// Mean utility over all members (PGPE's baseline).
    var mean: Float

    init(_ u: [Float], antithetic: Bool) {
        if antithetic {
            let pairs = u.count / 2
            difference = (0..<pairs).map { u[2 * $0] - u[2 * $0 + 1] }
            total = (0..<pairs).map { u[2 * $0] + u[2 * $0 + 1] }
        } else {
            difference = u
            total = u
        }
        var s = 0.0
        for v in u { s += Double(v) }
        mean = u.isEmpty ? 0 : Float(s / Double(u.count))
    }
}
