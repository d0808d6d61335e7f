/// Four forward passes at once — four members of a population (two
/// antithetic pairs) — with SIMD lanes across members.
///
/// Layout: a layer's activations are stored unit-major, four members a unit
/// (`[unit][member]`), padded to an even unit count, so one `SIMD8` holds two
/// adjacent units j, j+1 for all four members. A weight Wᵢⱼ of the four
/// members for that unit pair sits in one `SIMD8` too (`packGroup`), and the
/// input xᵢ of the four members is one 16-byte load broadcast to both halves.
/// So every output is a plain lane-wise multiply–add chain: no horizontal
/// sums (the narrow 32 → 2 head included), tanh on full vectors of
/// independent lanes, and four members' weights (4 × 5 KB for 4-32-32-2)
/// still fit the L1 cache, which eight members' would not.
///
/// Every lane performs exactly the operations of `forward(packed:)` for its
/// member, in the same order — the even/odd split in blocks of 32 outputs,
/// sequential sums after them, the eight-way partial sums and their fixed
/// tree in narrow layers — and IEEE arithmetic is exact per lane, so each
/// member's outputs are bit for bit those of its single pass.
extension PolicyNetwork {
    /// Members evaluated together by `forwardGroup`.
    public static let groupSize = 4

    /// Unit pairs of a layer of m units (the last one half empty when m is odd).
    @inlinable
    static func unitPairs(_ m: Int) -> Int { (m + 1) / 2 }

    /// Floats of a group's θ in the `packGroup` layout.
    public var groupParameterCount: Int {
        var c = 0
        for l in 0..<(sizes.count - 1) { c += (sizes[l] + 1) * Self.unitPairs(sizes[l + 1]) * 8 }
        return c
    }

    /// Floats of one activation buffer for a group (the widest layer, padded).
    public var groupRowLength: Int { Self.unitPairs(width) * 8 }

    /// Interleaves the θ of four members (the engine's layout each) into
    /// `packed` (`groupParameterCount` floats): per layer, for each input i
    /// and unit pair q, the eight floats (W_{i,2q} of members 0…3,
    /// W_{i,2q+1} of members 0…3); then the biases in the same pair order.
    /// The missing unit of an odd layer gets zeros.
    public func packGroup(_ thetas: [UnsafePointer<Float>], into packed: UnsafeMutablePointer<Float>) {
        precondition(thetas.count == Self.groupSize, "a group packs \(Self.groupSize) genomes")
        var source = 0, target = 0
        for l in 0..<(sizes.count - 1) {
            let n = sizes[l], m = sizes[l + 1], pairs = Self.unitPairs(m)
            for row in 0...n {  // rows 0..<n: weights; row n: biases
                for q in 0..<pairs {
                    for h in 0..<2 {
                        let j = 2 * q + h
                        let slot = packed + target + ((row * pairs + q) * 2 + h) * 4
                        for k in 0..<4 { slot[k] = j < m ? thetas[k][source + row * m + j] : 0 }
                    }
                }
            }
            source += n * m + m
            target += (n + 1) * pairs * 8
        }
    }

    /// The outputs of four members' policies: `input` holds the observations
    /// `[unit][member]` (sizes[0] × 4 floats), `output` receives the outputs
    /// the same way (unit pairs of the last layer × 8 floats: output j of
    /// member k at `output[4j + k]`), `scratch` is 2 × `groupRowLength`
    /// floats. Allocates nothing. Not `@inlinable` (see `forward(packed:)`).
    public func forwardGroup(packed w: UnsafePointer<Float>, input: UnsafePointer<Float>,
                             scratch: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) {
        var x = input
        var offset = 0
        let layers = sizes.count - 1
        let row = groupRowLength
        for l in 0..<layers {
            let n = sizes[l], m = sizes[l + 1], pairs = Self.unitPairs(m)
            let last = l == layers - 1
            let y = last ? output : scratch + (l & 1) * row
            if Self.isNarrow(m) {
                Self.groupNarrow(w + offset, x, y, n: n, pairs: pairs)
            } else {
                Self.groupAffine(w + offset, x, y, n: n, m: m, pairs: pairs)
            }
            offset += (n + 1) * pairs * 8
            // f on the layer's unit pairs (padding included: f(0) = 0), a pass
            // of its own: applied as the outputs are stored or as the next
            // layer reads its inputs, it measured slower.
            if !last { activate(y, pairs * 8) }
            x = UnsafePointer(y)
        }
    }

    /// xᵢ of the four members in both halves of a vector.
    @inlinable @inline(__always)
    static func dup4(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        let h = UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
        return SIMD8(lowHalf: h, highHalf: h)
    }

    /// `affine` lane-wise: unit pairs inside full blocks of 32 outputs as
    /// b + (Σ_even i + Σ_odd i), eight pairs at a time (sixteen chains); the
    /// pairs after them as b + Σᵢ in order.
    @inlinable @inline(__always)
    static func groupAffine(_ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                            n: Int, m: Int, pairs: Int) {
        let stride = pairs * 8
        let b = w + n * stride
        let blocked = (m / 32) * 16
        let zero = SIMD8<Float>(repeating: 0)
        var q = 0
        while q < blocked {
            var e0 = zero, e1 = zero, e2 = zero, e3 = zero, e4 = zero, e5 = zero, e6 = zero, e7 = zero
            var o0 = zero, o1 = zero, o2 = zero, o3 = zero, o4 = zero, o5 = zero, o6 = zero, o7 = zero
            var r = w + 8 * q
            var i = 0
            while i + 2 <= n {
                let xe = dup4(x + 4 * i), xo = dup4(x + 4 * i + 4)
                let s = r + stride
                e0.addProduct(xe, load8(r))
                e1.addProduct(xe, load8(r + 8))
                e2.addProduct(xe, load8(r + 16))
                e3.addProduct(xe, load8(r + 24))
                e4.addProduct(xe, load8(r + 32))
                e5.addProduct(xe, load8(r + 40))
                e6.addProduct(xe, load8(r + 48))
                e7.addProduct(xe, load8(r + 56))
                o0.addProduct(xo, load8(s))
                o1.addProduct(xo, load8(s + 8))
                o2.addProduct(xo, load8(s + 16))
                o3.addProduct(xo, load8(s + 24))
                o4.addProduct(xo, load8(s + 32))
                o5.addProduct(xo, load8(s + 40))
                o6.addProduct(xo, load8(s + 48))
                o7.addProduct(xo, load8(s + 56))
                r += 2 * stride
                i += 2
            }
            if i < n {
                let xe = dup4(x + 4 * i)
                e0.addProduct(xe, load8(r))
                e1.addProduct(xe, load8(r + 8))
                e2.addProduct(xe, load8(r + 16))
                e3.addProduct(xe, load8(r + 24))
                e4.addProduct(xe, load8(r + 32))
                e5.addProduct(xe, load8(r + 40))
                e6.addProduct(xe, load8(r + 48))
                e7.addProduct(xe, load8(r + 56))
            }
            let bq = b + 8 * q, yq = y + 8 * q
            store8(load8(bq) + (e0 + o0), yq)
            store8(load8(bq + 8) + (e1 + o1), yq + 8)
            store8(load8(bq + 16) + (e2 + o2), yq + 16)
            store8(load8(bq + 24) + (e3 + o3), yq + 24)
            store8(load8(bq + 32) + (e4 + o4), yq + 32)
            store8(load8(bq + 40) + (e5 + o5), yq + 40)
            store8(load8(bq + 48) + (e6 + o6), yq + 48)
            store8(load8(bq + 56) + (e7 + o7), yq + 56)
            q += 8
        }
        while q < pairs {
            var a = load8(b + 8 * q)
            var r = w + 8 * q
            for i in 0..<n {
                a.addProduct(dup4(x + 4 * i), load8(r))
                r += stride
            }
            store8(a, y + 8 * q)
            q += 1
        }
    }

    /// `narrow` lane-wise: per unit pair, eight partial sums over i mod 8,
    /// the fixed tree ((s0+s4)+(s2+s6)) + ((s1+s5)+(s3+s7)), the remaining
    /// inputs in order, then the bias.
    @inlinable @inline(__always)
    static func groupNarrow(_ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                            n: Int, pairs: Int) {
        let stride = pairs * 8
        let b = w + n * stride
        let blocks = n / 8
        let zero = SIMD8<Float>(repeating: 0)
        for q in 0..<pairs {
            var a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero
            var r = w + 8 * q
            var xi = x
            for _ in 0..<blocks {
                a0.addProduct(dup4(xi), load8(r))
                a1.addProduct(dup4(xi + 4), load8(r + stride))
                a2.addProduct(dup4(xi + 8), load8(r + 2 * stride))
                a3.addProduct(dup4(xi + 12), load8(r + 3 * stride))
                a4.addProduct(dup4(xi + 16), load8(r + 4 * stride))
                a5.addProduct(dup4(xi + 20), load8(r + 5 * stride))
                a6.addProduct(dup4(xi + 24), load8(r + 6 * stride))
                a7.addProduct(dup4(xi + 28), load8(r + 7 * stride))
                r += 8 * stride
                xi += 32
            }
            var s = ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7))
            for i in (8 * blocks)..<n { s.addProduct(dup4(x + 4 * i), load8(w + 8 * q + i * stride)) }
            store8(load8(b + 8 * q) + s, y + 8 * q)
        }
    }
}
