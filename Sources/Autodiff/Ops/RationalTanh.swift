/// tanh x ≈ x·P(x²)/Q(x²) on |x| ≤ 7.905 (beyond it tanh rounds to ±1 within
/// 3·10⁻⁷), with P of degree 5 and Q monic of degree 3 in x²: our own
/// minimax fit, accurate to 3.1·10⁻⁷ in Float like the degree-6/3 form of
/// Eigen and XLA, for two fewer multiply–adds (nine multiply-pipe operations
/// and one division a value). Each Horner step is one fused multiply–add
/// (`addingProduct`, one rounding: the same result on every machine); Q's
/// leading step is a plain add. Branch-free, so loops over it vectorise; the
/// eight-lane form is the scalar one lane by lane, bit for bit.
///
/// The one tanh of the project: layers (`Activation.tanh`, `Tape.tanh`) and
/// the policy kernels of ES and POET (`PolicyMath`) all call it.
public enum RationalTanh {
    /// |x| beyond which the argument is clamped.
    @usableFromInline static let bound: Float = 7.905_311_107_635_498_05
    @usableFromInline static let p0: Float = 4_157.290_527_343_75
    @usableFromInline static let p1: Float = 540.491_149_902_343_8
    @usableFromInline static let p2: Float = 12.511_930_465_698_242
    @usableFromInline static let p3: Float = 0.042_005_468_159_914_02
    @usableFromInline static let p4: Float = -6.412_571_383_407_34e-05
    @usableFromInline static let p5: Float = 1.061_015_240_111_373_7e-07
    @usableFromInline static let q0: Float = 4_157.291_015_625
    @usableFromInline static let q1: Float = 1_926.254_272_460_937_5
    @usableFromInline static let q2: Float = 100.291_931_152_343_75

    /// tanh x on one value. NaN propagates; ±∞ give ±1.
    @inlinable @inline(__always)
    public static func value(_ x0: Float) -> Float {
        var x = x0 > bound ? bound : x0
        x = x < -bound ? -bound : x
        let x2 = x * x
        var p = p4.addingProduct(p5, x2)
        p = p3.addingProduct(p, x2)
        p = p2.addingProduct(p, x2)
        p = p1.addingProduct(p, x2)
        p = p0.addingProduct(p, x2)
        p = p * x
        var q = x2 + q2
        q = q1.addingProduct(q, x2)
        q = q0.addingProduct(q, x2)
        return p / q
    }

    /// tanh on eight lanes: `value`'s operations lane by lane (IEEE multiply,
    /// add, fused multiply–add and divide are exact per lane), so every lane
    /// is bit for bit what `value` returns.
    @inlinable @inline(__always)
    public static func lanes(_ x0: SIMD8<Float>) -> SIMD8<Float> {
        let b = SIMD8<Float>(repeating: bound)
        var x = x0.replacing(with: b, where: x0 .> b)
        x = x.replacing(with: -b, where: x .< -b)
        let x2 = x * x
        var p = SIMD8<Float>(repeating: p4).addingProduct(SIMD8(repeating: p5), x2)
        p = SIMD8<Float>(repeating: p3).addingProduct(p, x2)
        p = SIMD8<Float>(repeating: p2).addingProduct(p, x2)
        p = SIMD8<Float>(repeating: p1).addingProduct(p, x2)
        p = SIMD8<Float>(repeating: p0).addingProduct(p, x2)
        p = p * x
        var q = x2 + SIMD8<Float>(repeating: q2)
        q = SIMD8<Float>(repeating: q1).addingProduct(q, x2)
        q = SIMD8<Float>(repeating: q0).addingProduct(q, x2)
        return p / q
    }
}
