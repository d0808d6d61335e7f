import Foundation

/// The ziggurat method for standard normal draws (Marsaglia & Tsang 2000,
/// "The Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8)),
/// with 128 layers: the density under |x| is covered by 127 rectangles of
/// equal area v and a base strip of the same area that carries the tail
/// beyond r. One 32-bit draw picks a layer (7 bits), a sign (1 bit) and a
/// position in the layer (24 bits); about 98.8 % of draws land inside the
/// part of their rectangle that lies wholly under the density and are
/// returned after one multiply. The rest take the wedge test against
/// exp(−x²/2) or, in the base strip, Marsaglia's exact tail (1964).
///
/// The tables follow the paper's set-up in Double with the platform's
/// `exp`, `log` and `sqrt`, once per process.
@usableFromInline
final class Ziggurat: @unchecked Sendable {
    /// r: where the tail starts (the paper's value for 128 layers).
    static let r = 3.442_619_855_899
    /// v: the area of each layer.
    static let v = 9.912_563_035_262_17e-3
    /// 2²⁴, the resolution of a position within a layer.
    static let scale = 16_777_216.0

    /// Per layer i, four Doubles: k_i (positions below it are inside the
    /// density without a test, an integer), w_i (the half-width x_i / 2²⁴;
    /// the base strip's v / f(r) / 2²⁴), f_i = exp(−x_i²/2) (f_0 = 1, the
    /// top) and padding: one 32-byte line of the table a draw.
    @usableFromInline let table: UnsafeMutablePointer<Double>

    @usableFromInline static let standard = Ziggurat()

    private init() {
        table = .allocate(capacity: 4 * 128)
        table.initialize(repeating: 0, count: 4 * 128)
        func set(_ i: Int, k: Double? = nil, w: Double? = nil, f: Double? = nil) {
            if let k { table[4 * i] = k.rounded(.towardZero) }
            if let w { table[4 * i + 1] = w }
            if let f { table[4 * i + 2] = f }
        }
        var dn = Self.r, tn = dn
        let q = Self.v / exp(-0.5 * dn * dn)
        set(0, k: (dn / q) * Self.scale, w: q / Self.scale, f: 1)
        set(127, w: dn / Self.scale, f: exp(-0.5 * dn * dn))
        for i in stride(from: 126, through: 1, by: -1) {
            dn = (-2 * log(Self.v / dn + exp(-0.5 * dn * dn))).squareRoot()
            set(i + 1, k: (dn / tn) * Self.scale)
            tn = dn
            set(i, w: dn / Self.scale, f: exp(-0.5 * dn * dn))
        }
    }

    /// A standard normal draw from `state`'s words.
    @inlinable @inline(__always)
    func sample(_ state: inout TausState) -> Double {
        while true {
            let u = state.next()
            let i = Int(u & 127), j = Double(u >> 8)
            let layer = table + 4 * i
            let x = j * layer[1]
            let sign: Double = u & 128 == 0 ? 1 : -1
            if j < layer[0] { return sign * x }
            let (y, after) = slowPath(i, x, state)
            state = after
            if let y { return sign * y }
        }
    }

    /// The wedge test of layer i ≥ 1, or the tail for the base strip (nil:
    /// draw again), and the state after the words it took. The state goes by
    /// value, not `inout`, so the caller's stays in registers.
    @usableFromInline @inline(never)
    func slowPath(_ i: Int, _ x: Double, _ start: TausState) -> (Double?, TausState) {
        var state = start
        let y = wedgeOrTail(i, x, &state)
        return (y, state)
    }

    func wedgeOrTail(_ i: Int, _ x: Double, _ state: inout TausState) -> Double? {
        // Uniforms on (0, 1], so logarithms stay finite.
        func uniform() -> Double { (Double(state.next()) + 1) * 0x1p-32 }
        if i == 0 {
            var t: Double, y: Double
            repeat {
                t = -log(uniform()) / Self.r
                y = -log(uniform())
            } while y + y < t * t
            return Self.r + t
        }
        let f = table[4 * i + 2], above = table[4 * (i - 1) + 2]
        return f + uniform() * (above - f) < exp(-0.5 * x * x) ? x : nil
    }
}

/// The three words of GSL's taus2 state and L'Ecuyer's three-component
/// Tausworthe step (L'Ecuyer 1996, "Maximally equidistributed combined
/// Tausworthe generators", Math. Comp. 65; the components and masks GSL's
/// taus2 uses): each `next()` is the word `gsl_rng_get` would return.
@usableFromInline
struct TausState {
    @usableFromInline var s1, s2, s3: UInt32

    @inlinable
    init(_ s1: UInt32, _ s2: UInt32, _ s3: UInt32) {
        self.s1 = s1
        self.s2 = s2
        self.s3 = s3
    }

    @inlinable @inline(__always)
    mutating func next() -> UInt32 {
        s1 = ((s1 & 0xFFFF_FFFE) << 12) ^ (((s1 << 13) ^ s1) >> 19)
        s2 = ((s2 & 0xFFFF_FFF8) << 4) ^ (((s2 << 2) ^ s2) >> 25)
        s3 = ((s3 & 0xFFFF_FFF0) << 17) ^ (((s3 << 3) ^ s3) >> 11)
        return s1 ^ s2 ^ s3
    }
}
