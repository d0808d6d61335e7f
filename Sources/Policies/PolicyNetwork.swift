import Autodiff
import Random

/// The policy MLP `sizes[0] → … → sizes.last` computed from a flat genome
/// θ, for inference only: what ES evaluates 256 × 500 times a generation,
/// where recording a tape per step would cost more than the math (about
/// 1,300 multiply–adds and 64 tanh for 4-32-32-2).
///
///     let net = PolicyNetwork(sizes: [4, 32, 32, 2], activation: .tanh)
///     net.pack(theta, into: packed)                 // once per episode
///     net.forward(packed: packed, input: obs, scratch: scratch, output: logits)
///
/// θ's layout is the gradient engine's (`MLP` in a `ParameterSet`,
/// `flatValues()`): per layer the weights W `[in, out]` row-major, then the
/// bias b `[out]`; h_{l+1} = f(h_l·W + b), f after every hidden layer and the
/// identity after the last. So a genome evolved here loads into
/// `Autodiff.MLP` with `setFlatValues` and the reverse.
public struct PolicyNetwork: Sendable, Equatable {
    /// Widths from the observation to the outputs.
    public let sizes: [Int]
    public let activation: PolicyActivation
    /// d: the genome length.
    public let parameterCount: Int
    /// The widest layer (scratch length per buffer).
    public let width: Int

    public init(sizes: [Int], activation: PolicyActivation) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "a policy needs positive input and output widths")
        self.sizes = sizes
        self.activation = activation
        var d = 0
        for l in 0..<(sizes.count - 1) { d += sizes[l] * sizes[l + 1] + sizes[l + 1] }
        parameterCount = d
        width = sizes.max()!
    }

    /// μ₀: the engine's initialisation — orthogonal weights (gain √2 in hidden
    /// layers, `outputGain` on the last; Saxe et al. 2014), zero biases —
    /// drawn from `(seed, ["es-init"])`.
    public func initialGenome(seed: UInt64, outputGain: Float) -> [Float] {
        let parameters = ParameterSet()
        _ = MLP(sizes: sizes, activation: activation.autodiff, outputInitializer: .orthogonal(gain: outputGain),
                in: parameters, rng: RandomStream(seed: seed, path: ["es-init"]))
        let flat = parameters.flatValues()
        precondition(flat.count == parameterCount, "the engine's MLP layout changed")
        return flat
    }

    /// True for layers whose few outputs (m < 8, e.g. a 32 → 2 head) are
    /// computed as dot products over a transposed W in the packed layout.
    @inlinable
    static func isNarrow(_ m: Int) -> Bool { m < 8 }

    /// Copies θ (the engine's layout) into `packed` (`parameterCount` floats),
    /// the layout `forward` reads: the same, except that narrow layers store
    /// Wᵀ `[out, in]` so each output is a contiguous dot product. Done once per
    /// episode, so the 500 forward passes after it read memory in order.
    public func pack(_ theta: UnsafePointer<Float>, into packed: UnsafeMutablePointer<Float>) {
        var offset = 0
        for l in 0..<(sizes.count - 1) {
            let n = sizes[l], m = sizes[l + 1]
            if Self.isNarrow(m) {
                for i in 0..<n { for j in 0..<m { packed[offset + j * n + i] = theta[offset + i * m + j] } }
                for j in 0..<m { packed[offset + n * m + j] = theta[offset + n * m + j] }
            } else {
                (packed + offset).update(from: theta + offset, count: n * m + m)
            }
            offset += n * m + m
        }
    }

    /// Writes the outputs of the policy at `input` into `output` (sizes.last
    /// values), reading θ in the `pack`ed layout and using `scratch`
    /// (2 × `width` floats). Allocates nothing.
    ///
    /// Deliberately not `@inlinable` (nor are the other passes): compiled in
    /// this module, built for the machine's vector width and fused
    /// multiply–add; inlined into a module built without them (POET's
    /// rollouts), tanh's fused multiply–adds would become libm calls.
    public func forward(packed theta: UnsafePointer<Float>, input: UnsafePointer<Float>,
                        scratch: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) {
        var x = input
        var offset = 0
        let layers = sizes.count - 1
        for l in 0..<layers {
            let n = sizes[l], m = sizes[l + 1]
            let out = l == layers - 1 ? output : scratch + (l & 1) * width
            if Self.isNarrow(m) {
                Self.narrow(theta + offset, input: x, n: n, m: m, into: out)
            } else {
                Self.affine(theta + offset, input: x, n: n, m: m, into: out)
            }
            offset += n * m + m
            if l < layers - 1 { activate(out, m) }
            x = UnsafePointer(out)
        }
    }

    /// The policy's outputs from θ in the engine's layout, without packing:
    /// narrow layers are read strided (a little slower than `forward(packed:)`,
    /// whose narrow dot products are summed in another order, so the two
    /// agree up to rounding).
    public func forward(_ theta: UnsafePointer<Float>, input: UnsafePointer<Float>,
                        scratch: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) {
        var x = input
        var offset = 0
        let layers = sizes.count - 1
        for l in 0..<layers {
            let n = sizes[l], m = sizes[l + 1]
            let out = l == layers - 1 ? output : scratch + (l & 1) * width
            Self.affine(theta + offset, input: x, n: n, m: m, into: out)
            offset += n * m + m
            if l < layers - 1 { activate(out, m) }
            x = UnsafePointer(out)
        }
    }

    /// f in place on the m values of a hidden layer: eight at a time in SIMD
    /// registers, then one by one (the same operations either way).
    @inlinable @inline(__always)
    func activate(_ y: UnsafeMutablePointer<Float>, _ m: Int) {
        var j = 0
        switch activation {
        case .tanh:
            while j + 8 <= m {
                Self.store8(PolicyMath.tanh(Self.load8(y + j)), y + j)
                j += 8
            }
            while j < m {
                y[j] = PolicyMath.tanh(y[j])
                j += 1
            }
        case .relu: for j in 0..<m { y[j] = y[j] > 0 ? y[j] : 0 }
        case .identity: break
        }
    }

    /// y = x·W + b for W `[n, m]` row-major followed by b. Blocks of 32
    /// outputs are summed in SIMD registers as b + (Σ_even i + Σ_odd i) —
    /// eight independent chains, so the adds' latency overlaps — then blocks
    /// of 8 in order, and the last m mod 8 outputs one by one in order. The
    /// order of every sum is fixed by the layer's shape alone, so results
    /// never depend on the thread or the run.
    @inlinable @inline(__always)
    static func affine(_ w: UnsafePointer<Float>, input x: UnsafePointer<Float>, n: Int, m: Int,
                       into y: UnsafeMutablePointer<Float>) {
        let b = w + n * m
        var j = 0
        let zero = SIMD8<Float>(repeating: 0)
        while j + 32 <= m {
            // Eight independent chains: four blocks × even/odd inputs.
            var a0 = zero, a1 = zero, a2 = zero, a3 = zero
            var c0 = zero, c1 = zero, c2 = zero, c3 = zero
            var row = w + j
            var i = 0
            while i + 2 <= n {
                let x0 = SIMD8<Float>(repeating: x[i]), x1 = SIMD8<Float>(repeating: x[i + 1])
                let next = row + m
                a0.addProduct(x0, load8(row))
                a1.addProduct(x0, load8(row + 8))
                a2.addProduct(x0, load8(row + 16))
                a3.addProduct(x0, load8(row + 24))
                c0.addProduct(x1, load8(next))
                c1.addProduct(x1, load8(next + 8))
                c2.addProduct(x1, load8(next + 16))
                c3.addProduct(x1, load8(next + 24))
                row += 2 * m
                i += 2
            }
            if i < n {
                let x0 = SIMD8<Float>(repeating: x[i])
                a0.addProduct(x0, load8(row))
                a1.addProduct(x0, load8(row + 8))
                a2.addProduct(x0, load8(row + 16))
                a3.addProduct(x0, load8(row + 24))
            }
            store8(load8(b + j) + (a0 + c0), y + j)
            store8(load8(b + j + 8) + (a1 + c1), y + j + 8)
            store8(load8(b + j + 16) + (a2 + c2), y + j + 16)
            store8(load8(b + j + 24) + (a3 + c3), y + j + 24)
            j += 32
        }
        if j < m { tail(w, x, y, n: n, m: m, from: j) }
    }

    /// y_j = b_j + Σ_i x_i Wᵀ_ji for a narrow layer stored transposed: eight
    /// lanes of partial sums over i, reduced in a fixed tree, then the
    /// remaining n mod 8 inputs in order.
    @inlinable @inline(__always)
    static func narrow(_ wT: UnsafePointer<Float>, input x: UnsafePointer<Float>, n: Int, m: Int,
                       into y: UnsafeMutablePointer<Float>) {
        let b = wT + n * m
        let blocks = n / 8
        for j in 0..<m {
            let row = wT + j * n
            var acc = SIMD8<Float>(repeating: 0)
            for k in 0..<blocks { acc.addProduct(load8(x + 8 * k), load8(row + 8 * k)) }
            let half = acc.lowHalf + acc.highHalf
            let quarter = half.lowHalf + half.highHalf
            var s = quarter[0] + quarter[1]
            for i in (8 * blocks)..<n { s.addProduct(x[i], row[i]) }
            y[j] = b[j] + s
        }
    }

    @inlinable @inline(__always)
    static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inlinable @inline(__always)
    static func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
}

/// The policy kernels' tanh: `RationalTanh` (Autodiff), the project's one
/// tanh, so a policy evaluated here and the same network on the tape agree.
public enum PolicyMath {
    /// tanh on eight lanes, bit for bit the scalar form lane by lane.
    @inlinable @inline(__always)
    public static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> { RationalTanh.lanes(x) }

    /// tanh x. Never inlined, so callers in loops that do not vectorise share one compiled copy.
    @inline(never)
    public static func tanh(_ x: Float) -> Float { RationalTanh.value(x) }
}
