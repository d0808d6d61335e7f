import CGSL

/// A seeded stream of random numbers over GSL's MT19937 generator.
///
/// Why MT19937: it is the fastest of GSL's generators of good statistical
/// quality (period 2¹⁹⁹³⁷ − 1, 623-dimensional equidistribution) and its whole
/// 624-word state can be written directly. `gsl_rng_set` only takes a 32-bit
/// seed, so deriving one stream per (generation, member) through it would
/// make two paths collide after ~65,000 streams (the birthday bound); instead
/// a 64-bit key hashed from (seed, path) is expanded with SplitMix64 into the
/// full state, and collisions need ~4·10⁹ streams.
///
/// Streams are *derived*, never drawn from a parent:
///
///     let noise = RandomStream(seed: run.seed, path: ["es", generation, pair])
///
/// gives the same numbers on any thread, in any order, after any resume.
/// A stream is used by one thread at a time; make one per worker.
///
/// A second kind, `.taus2` (GSL's three-component Tausworthe generator,
/// L'Ecuyer 1999, period ≈ 2⁸⁸), serves the many short streams started and
/// dropped within a generation (ES noise blocks, episodes): its whole state
/// is three words, filled from the same 64-bit key, so a start costs about
/// one draw where MT19937 writes and twists 624 words (≈ 5 µs). Taus2 streams
/// are not serialisable (`stateBytes`); nothing holds one across a checkpoint.
public final class RandomStream: @unchecked Sendable {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    /// The GSL generator a stream runs.
    public enum Generator: Sendable, Equatable {
        /// Mersenne Twister (the default; serialisable).
        case mt19937
        /// L'Ecuyer's maximally equidistributed Tausworthe generator (cheap to start).
        case taus2
    }

    /// This stream's generator.
    public let generator: Generator

    /// The MT19937 state as GSL lays it out (`mt.c`): 624 words then an index.
    static let words = 624

    /// The stream for `path` under `seed`, on `generator`.
    public init(seed: UInt64, path: [StreamPathComponent] = [], generator: Generator = .mt19937) {
        populus_gsl_quiet()
        let type = generator == .mt19937 ? populus_rng_mt19937() : populus_rng_taus2()
        guard let r = gsl_rng_alloc(type) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        rng = r
        self.generator = generator
        let key = streamKey(seed: seed, path: path)
        switch generator {
        case .mt19937: Self.writeState(of: r, key: key)
        case .taus2: Self.writeTausState(of: r, key: key)
        }
    }

    private init(adopting r: UnsafeMutablePointer<gsl_rng>, generator: Generator) {
        rng = r
        self.generator = generator
    }

    deinit { gsl_rng_free(rng) }

    /// An independent copy that continues exactly where this stream is.
    public func copy() -> RandomStream {
        RandomStream(adopting: gsl_rng_clone(rng)!, generator: generator)
    }

    /// Child stream derived from this stream's *current state* is deliberately
    /// not offered: derive from (seed, path) instead, so results never depend
    /// on how much a parent has been drawn from.
    private static func writeState(of r: UnsafeMutablePointer<gsl_rng>, key: UInt64) {
        let size = gsl_rng_size(r)
        let expected = MemoryLayout<UInt>.stride * words + MemoryLayout<UInt>.stride
        precondition(size == expected, "unexpected MT19937 state layout (\(size) bytes)")
        let state = gsl_rng_state(r)!
        let mt = state.bindMemory(to: UInt.self, capacity: words + 1)
        var x = key
        for i in 0..<words {
            x = x &+ 0x9E37_79B9_7F4A_7C15
            mt[i] = UInt(truncatingIfNeeded: splitMix64(x) & 0xFFFF_FFFF)
        }
        mt[0] |= 0x8000_0000 // never the all-zero state
        let mti = UnsafeMutableRawPointer(state).advanced(by: MemoryLayout<UInt>.stride * words)
        mti.storeBytes(of: Int32(words), as: Int32.self) // regenerate on first draw
    }

    /// taus2's state as GSL lays it out (`taus.c`): three `unsigned long`
    /// words s1, s2, s3 (low 32 bits used), from the key by SplitMix64. A
    /// component degenerates when its significant bits are all zero (s1 < 2,
    /// s2 < 8, s3 < 16); such words are lifted as GSL's own seeding does.
    private static func writeTausState(of r: UnsafeMutablePointer<gsl_rng>, key: UInt64) {
        let size = gsl_rng_size(r)
        precondition(size == 3 * MemoryLayout<UInt>.stride, "unexpected taus2 state layout (\(size) bytes)")
        let s = tausWords(of: r)
        let a = splitMix64(key), b = splitMix64(key &+ 0x9E37_79B9_7F4A_7C15)
        func lifted(_ word: UInt64, _ floor: UInt) -> UInt {
            let w = UInt(truncatingIfNeeded: word)
            return w < floor ? w + floor : w
        }
        s[0] = lifted(a & 0xFFFF_FFFF, 2)
        s[1] = lifted(a >> 32, 8)
        s[2] = lifted(b & 0xFFFF_FFFF, 16)
    }

    /// The three state words s1, s2, s3 of a taus2 `gsl_rng` (layout checked when the stream is made).
    @usableFromInline
    static func tausWords(of r: UnsafeMutablePointer<gsl_rng>) -> UnsafeMutablePointer<UInt> {
        gsl_rng_state(r)!.bindMemory(to: UInt.self, capacity: 3)
    }

    // MARK: Draws

    /// Uniform on [0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Uniform on (0, 1): never exactly zero (safe under `log`).
    @inlinable public func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    /// Uniform on [lower, upper).
    @inlinable public func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * gsl_rng_uniform(rng)
    }

    /// Uniform Float on [0, 1).
    @inlinable public func uniformFloat() -> Float { Float(gsl_rng_uniform(rng)) }

    /// A uniform integer in 0..<n (unbiased). `n` must be positive.
    @inlinable public func integer(below n: Int) -> Int {
        precondition(n > 0, "integer(below:) needs n > 0")
        return Int(gsl_rng_uniform_int(rng, UInt(n)))
    }

    /// Raw 32-bit output of the generator.
    @inlinable public func next32() -> UInt32 { UInt32(truncatingIfNeeded: gsl_rng_get(rng)) }

    /// Raw 64 bits from two draws.
    @inlinable public func next64() -> UInt64 {
        (UInt64(next32()) << 32) | UInt64(next32())
    }

    /// A Gaussian draw N(mean, σ²) by Marsaglia & Tsang's ziggurat (GSL's
    /// `gsl_ran_gaussian_ziggurat`).
    @inlinable public func gaussian(mean: Double = 0, sigma: Double = 1) -> Double {
        mean + gsl_ran_gaussian_ziggurat(rng, sigma)
    }

    /// Bernoulli(p): true with probability p.
    @inlinable public func bernoulli(_ p: Double) -> Bool {
        gsl_ran_bernoulli(rng, p) == 1
    }

    /// Fills `buffer` with N(mean, σ²) draws (ziggurat), in order.
    @inlinable public func fill(gaussian buffer: UnsafeMutableBufferPointer<Float>,
                                mean: Float = 0, sigma: Float = 1) {
        let s = Double(sigma)
        for i in buffer.indices {
            buffer[i] = mean + Float(gsl_ran_gaussian_ziggurat(rng, s))
        }
    }

    /// Fills an array with N(mean, σ²) draws.
    @inlinable public func fill(gaussian array: inout [Float], mean: Float = 0, sigma: Float = 1) {
        array.withUnsafeMutableBufferPointer { fill(gaussian: $0, mean: mean, sigma: sigma) }
    }

    /// Fills `buffer` with uniform draws on [lower, upper).
    @inlinable public func fill(uniform buffer: UnsafeMutableBufferPointer<Float>,
                                lower: Float = 0, upper: Float = 1) {
        let w = Double(upper - lower)
        for i in buffer.indices { buffer[i] = lower + Float(w * gsl_rng_uniform(rng)) }
    }

    /// An index drawn with probability proportional to `weights` (which need
    /// not sum to one; negative or non-finite weights count as zero) by
    /// inverse-CDF with one uniform. Returns the last positive index when
    /// rounding leaves the draw past the total.
    @inlinable public func categorical(_ weights: UnsafeBufferPointer<Float>) -> Int {
        precondition(!weights.isEmpty, "categorical needs at least one weight")
        var total: Double = 0
        for w in weights where w > 0 && w.isFinite { total += Double(w) }
        if total <= 0 { return integer(below: weights.count) }
        let u = gsl_rng_uniform(rng) * total
        var acc: Double = 0
        var last = 0
        for i in weights.indices {
            let w = weights[i]
            guard w > 0 && w.isFinite else { continue }
            acc += Double(w)
            last = i
            if u < acc { return i }
        }
        return last
    }

    /// Categorical draw from an array of weights.
    @inlinable public func categorical(_ weights: [Float]) -> Int {
        weights.withUnsafeBufferPointer { categorical($0) }
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates).
    public func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        shuffle(&p)
        return p
    }

    /// Shuffles in place (Fisher–Yates).
    @inlinable public func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = integer(below: i + 1)
            if i != j { a.swapAt(i, j) }
        }
    }
}
