import Foundation

/// sin θ and cos θ for the cart-pole step. While an episode runs the pole
/// angle before a step is within ±12° (0.21 rad), where fdlibm's kernel
/// polynomials (Sun Microsystems 1993, the `__kernel_sin`/`__kernel_cos` of
/// every BSD libm) are accurate to within one ulp without argument reduction;
/// outside |θ| ≤ `polynomialBound` the platform's `sin`/`cos` are used.
/// The polynomials are plain IEEE multiplies and adds (Swift never fuses
/// them), so the scalar functions and their four-lane versions, which perform
/// the same operations lane by lane, agree bit for bit: a batch of cart-poles
/// stepped in SIMD lanes follows exactly the trajectories of `CartPole.step`.
/// Why: libm's general-purpose sin and cos (with argument reduction and a
/// call each) cost more than the rest of the step together.
public enum CartPoleTrig {
    /// |θ| up to which the polynomials are used.
    @inlinable public static var polynomialBound: Double { 0.25 }

    /// sin x ≈ x + x³(S1 + x²(S2 + x²(S3 + x²(S4 + x²(S5 + x² S6))))), with
    /// fdlibm's minimax coefficients (k_sin.c; written out so they fold into the code).
    @inlinable @inline(__always)
    public static func sinPolynomial(_ x: Double) -> Double {
        // sin x rounds to x below 2⁻²⁷ (fdlibm returns x there, keeping −0).
        if x > -0x1p-27 && x < 0x1p-27 { return x }
        let z = x * x, v = z * x
        var r = (-2.505_076_025_340_686_341_95e-08) + z * 1.589_690_995_211_550_102_21e-10
        r = 2.755_731_370_707_006_767_89e-06 + z * r
        r = (-1.984_126_982_985_794_931_34e-04) + z * r
        r = 8.333_333_333_322_489_461_24e-03 + z * r
        return x + v * ((-1.666_666_666_666_663_243_48e-01) + z * r)
    }

    /// cos x ≈ 1 − (x²/2 − x² · x²(C1 + x²(C2 + … + x² C6))), fdlibm's form
    /// and coefficients for |x| < 0.3 (k_cos.c).
    @inlinable @inline(__always)
    public static func cosPolynomial(_ x: Double) -> Double {
        let z = x * x
        var r = 2.087_572_321_298_174_827_90e-09 + z * (-1.135_964_755_778_819_482_65e-11)
        r = (-2.755_731_435_139_066_330_35e-07) + z * r
        r = 2.480_158_728_947_672_941_78e-05 + z * r
        r = (-1.388_888_888_887_410_957_49e-03) + z * r
        r = 4.166_666_666_666_660_190_37e-02 + z * r
        r = z * r
        return 1.0 - (0.5 * z - z * r)
    }

    /// `sinPolynomial` on four lanes (the same operations per lane).
    @inlinable @inline(__always)
    public static func sinPolynomial(_ x: SIMD4<Double>) -> SIMD4<Double> {
        let z = x * x, v = z * x
        var r: SIMD4<Double> = (-2.505_076_025_340_686_341_95e-08) + z * 1.589_690_995_211_550_102_21e-10
        r = 2.755_731_370_707_006_767_89e-06 + z * r
        r = (-1.984_126_982_985_794_931_34e-04) + z * r
        r = 8.333_333_333_322_489_461_24e-03 + z * r
        let t: SIMD4<Double> = (-1.666_666_666_666_663_243_48e-01) + z * r
        let tiny = SIMD4<Double>(repeating: 0x1p-27)
        return (x + v * t).replacing(with: x, where: (x .> -tiny) .& (x .< tiny))
    }

    /// `cosPolynomial` on four lanes (the same operations per lane).
    @inlinable @inline(__always)
    public static func cosPolynomial(_ x: SIMD4<Double>) -> SIMD4<Double> {
        let z = x * x
        var r: SIMD4<Double> = 2.087_572_321_298_174_827_90e-09 + z * (-1.135_964_755_778_819_482_65e-11)
        r = (-2.755_731_435_139_066_330_35e-07) + z * r
        r = 2.480_158_728_947_672_941_78e-05 + z * r
        r = (-1.388_888_888_887_410_957_49e-03) + z * r
        r = 4.166_666_666_666_660_190_37e-02 + z * r
        r = z * r
        let half: SIMD4<Double> = 0.5 * z
        return 1.0 - (half - z * r)
    }

    /// sin θ: the polynomial within the bound, libm outside it.
    @inlinable @inline(__always)
    public static func sin(_ x: Double) -> Double {
        x >= -polynomialBound && x <= polynomialBound ? sinPolynomial(x) : Foundation.sin(x)
    }

    /// cos θ: the polynomial within the bound, libm outside it.
    @inlinable @inline(__always)
    public static func cos(_ x: Double) -> Double {
        x >= -polynomialBound && x <= polynomialBound ? cosPolynomial(x) : Foundation.cos(x)
    }

    /// (cos θ, sin θ) on four lanes, each lane exactly `cos`/`sin` of its θ.
    @inlinable @inline(__always)
    public static func cosSin(_ x: SIMD4<Double>) -> (cos: SIMD4<Double>, sin: SIMD4<Double>) {
        let bound = SIMD4<Double>(repeating: polynomialBound)
        let inside = (x .>= -bound) .& (x .<= bound)
        var c = cosPolynomial(x), s = sinPolynomial(x)
        if !all(inside) {
            for k in 0..<4 where !inside[k] {
                c[k] = Foundation.cos(x[k])
                s[k] = Foundation.sin(x[k])
            }
        }
        return (c, s)
    }
}
