/// Two forward passes at once — both members of an antithetic pair, stepped
/// in lockstep. A single pass is a chain of dependent operations (each layer
/// waits for the last, each tanh is a chain of polynomial steps and a division), so
/// one pass leaves most of the core idle; interleaving two independent
/// passes fills those gaps (about 1.6× the throughput on Zen 4).
///
/// Each pass performs exactly the operations of `forward(packed:)`, in the
/// same order, so its outputs are bit for bit the ones it would get alone.
extension PolicyNetwork {
    /// The buffers of one pass (see `forward(packed:input:scratch:output:)`).
    public struct Lane {
        public var theta: UnsafePointer<Float>
        public var input: UnsafePointer<Float>
        public var scratch: UnsafeMutablePointer<Float>
        public var output: UnsafeMutablePointer<Float>

        @inlinable
        public init(theta: UnsafePointer<Float>, input: UnsafePointer<Float>,
                    scratch: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) {
            self.theta = theta
            self.input = input
            self.scratch = scratch
            self.output = output
        }
    }

    /// `forward(packed:)` for two lanes at once.
    public func forwardPair(_ a: Lane, _ b: Lane) {
        var xa = a.input, xb = b.input
        var offset = 0
        let layers = sizes.count - 1
        for l in 0..<layers {
            let n = sizes[l], m = sizes[l + 1]
            let last = l == layers - 1
            let ya = last ? a.output : a.scratch + (l & 1) * width
            let yb = last ? b.output : b.scratch + (l & 1) * width
            if Self.isNarrow(m) {
                Self.narrow(a.theta + offset, input: xa, n: n, m: m, into: ya)
                Self.narrow(b.theta + offset, input: xb, n: n, m: m, into: yb)
            } else {
                Self.affinePair(a.theta + offset, xa, ya, b.theta + offset, xb, yb, n: n, m: m)
            }
            offset += n * m + m
            if !last {
                switch activation {
                case .tanh:
                    // Both lanes loaded before either is stored: the two
                    // polynomial chains then run side by side.
                    var j = 0
                    while j + 8 <= m {
                        let ta = PolicyMath.tanh(Self.load8(ya + j)), tb = PolicyMath.tanh(Self.load8(yb + j))
                        Self.store8(ta, ya + j)
                        Self.store8(tb, yb + j)
                        j += 8
                    }
                    while j < m {
                        ya[j] = PolicyMath.tanh(ya[j])
                        yb[j] = PolicyMath.tanh(yb[j])
                        j += 1
                    }
                case .relu:
                    for j in 0..<m {
                        ya[j] = ya[j] > 0 ? ya[j] : 0
                        yb[j] = yb[j] > 0 ? yb[j] : 0
                    }
                case .identity: break
                }
            }
            xa = UnsafePointer(ya)
            xb = UnsafePointer(yb)
        }
    }

    /// `affine` for two lanes: the blocks of 32 outputs interleaved (sixteen
    /// accumulator chains), the rest one lane after the other.
    @inlinable @inline(__always)
    static func affinePair(_ wa: UnsafePointer<Float>, _ xa: UnsafePointer<Float>, _ ya: UnsafeMutablePointer<Float>,
                           _ wb: UnsafePointer<Float>, _ xb: UnsafePointer<Float>, _ yb: UnsafeMutablePointer<Float>,
                           n: Int, m: Int) {
        let ba = wa + n * m, bb = wb + n * m
        let zero = SIMD8<Float>(repeating: 0)
        var j = 0
        while j + 32 <= m {
            var a0 = zero, a1 = zero, a2 = zero, a3 = zero, c0 = zero, c1 = zero, c2 = zero, c3 = zero
            var d0 = zero, d1 = zero, d2 = zero, d3 = zero, e0 = zero, e1 = zero, e2 = zero, e3 = zero
            var ra = wa + j, rb = wb + j
            var i = 0
            while i + 2 <= n {
                let p0 = SIMD8<Float>(repeating: xa[i]), p1 = SIMD8<Float>(repeating: xa[i + 1])
                let q0 = SIMD8<Float>(repeating: xb[i]), q1 = SIMD8<Float>(repeating: xb[i + 1])
                let na = ra + m, nb = rb + m
                a0.addProduct(p0, load8(ra))
                d0.addProduct(q0, load8(rb))
                a1.addProduct(p0, load8(ra + 8))
                d1.addProduct(q0, load8(rb + 8))
                a2.addProduct(p0, load8(ra + 16))
                d2.addProduct(q0, load8(rb + 16))
                a3.addProduct(p0, load8(ra + 24))
                d3.addProduct(q0, load8(rb + 24))
                c0.addProduct(p1, load8(na))
                e0.addProduct(q1, load8(nb))
                c1.addProduct(p1, load8(na + 8))
                e1.addProduct(q1, load8(nb + 8))
                c2.addProduct(p1, load8(na + 16))
                e2.addProduct(q1, load8(nb + 16))
                c3.addProduct(p1, load8(na + 24))
                e3.addProduct(q1, load8(nb + 24))
                ra += 2 * m
                rb += 2 * m
                i += 2
            }
            if i < n {
                let p0 = SIMD8<Float>(repeating: xa[i]), q0 = SIMD8<Float>(repeating: xb[i])
                a0.addProduct(p0, load8(ra))
                a1.addProduct(p0, load8(ra + 8))
                a2.addProduct(p0, load8(ra + 16))
                a3.addProduct(p0, load8(ra + 24))
                d0.addProduct(q0, load8(rb))
                d1.addProduct(q0, load8(rb + 8))
                d2.addProduct(q0, load8(rb + 16))
                d3.addProduct(q0, load8(rb + 24))
            }
            store8(load8(ba + j) + (a0 + c0), ya + j)
            store8(load8(ba + j + 8) + (a1 + c1), ya + j + 8)
            store8(load8(ba + j + 16) + (a2 + c2), ya + j + 16)
            store8(load8(ba + j + 24) + (a3 + c3), ya + j + 24)
            store8(load8(bb + j) + (d0 + e0), yb + j)
            store8(load8(bb + j + 8) + (d1 + e1), yb + j + 8)
            store8(load8(bb + j + 16) + (d2 + e2), yb + j + 16)
            store8(load8(bb + j + 24) + (d3 + e3), yb + j + 24)
            j += 32
        }
        if j < m {
            // The remaining blocks of 8 and single outputs, lane by lane,
            // through `affine` on the columns from j on (W's rows keep stride m).
            tail(wa, xa, ya, n: n, m: m, from: j)
            tail(wb, xb, yb, n: n, m: m, from: j)
        }
    }

    /// Outputs j…m−1 of `affine`, computed exactly as `affine` computes them.
    @inlinable @inline(__always)
    static func tail(_ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                     n: Int, m: Int, from start: Int) {
        let b = w + n * m
        var j = start
        while j + 8 <= m {
            var a = load8(b + j)
            var row = w + j
            for i in 0..<n {
                a.addProduct(SIMD8<Float>(repeating: x[i]), load8(row))
                row += m
            }
            store8(a, y + j)
            j += 8
        }
        while j < m {
            var s = b[j]
            for i in 0..<n { s.addProduct(x[i], w[i * m + j]) }
            y[j] = s
            j += 1
        }
    }
}
