/// Branch-free Float exp, log, tanh, sigmoid and softplus that the compiler
/// vectorises (libm's scalar calls would dominate a small MLP step: 8,192
/// tanh per step at batch 64). Pure arithmetic, so results are identical on
/// every thread and run. Accuracy within a few ulp over the whole range
/// (checked against Double in the tests). NaN propagates.

/// e^x (Cephes `expf`: range reduction x = n·ln2 + r, degree-6 polynomial).
@inline(__always)
func fastExp(_ x0: Float) -> Float {
    var x = x0 > 88.72283 ? 88.72283 : x0
    x = x < -87.33654 ? -87.33654 : x
    // n = round(x / ln 2) by the 1.5·2²³ trick (no float→int trap on NaN).
    let r = x * 1.442_695_04 + 12_582_912.0
    let fx = r - 12_582_912.0
    let n = Int32(bitPattern: r.bitPattern) &- 0x4B40_0000
    var z = x - fx * 0.693_359_375
    z = z - fx * -2.121_944_40e-4
    let zz = z * z
    var y: Float = 1.987_569_150_0e-4
    y = y * z + 1.398_199_950_7e-3
    y = y * z + 8.333_451_907_3e-3
    y = y * z + 4.166_579_589_4e-2
    y = y * z + 1.666_666_545_9e-1
    y = y * z + 5.000_000_120_1e-1
    y = y * zz + z + 1
    // 2ⁿ in two factors so that n = 128 does not overflow the exponent field.
    let n1 = n >> 1
    let n2 = n &- n1
    let s1 = Float(bitPattern: UInt32(bitPattern: (n1 &+ 127) << 23))
    let s2 = Float(bitPattern: UInt32(bitPattern: (n2 &+ 127) << 23))
    return y * s1 * s2
}

/// ln x (Cephes `logf`): x = m·2ᵉ with m in [√½, √2), polynomial in m − 1.
/// ln 0 = −∞, ln of a negative number or NaN is NaN, ln ∞ = ∞.
@inline(__always)
func fastLog(_ x0: Float) -> Float {
    // Subnormals are scaled up by 2²³ first so the exponent field is right.
    let tiny = x0 < Float.leastNormalMagnitude
    let x = tiny ? x0 * 8_388_608.0 : x0
    let bits = x.bitPattern
    var e = Float(Int32(bitPattern: (bits >> 23) & 0xFF) &- 126) - (tiny ? 23 : 0)
    var m = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F00_0000) // [0.5, 1)
    let low = m < 0.707_106_781_186_547_524
    e = low ? e - 1 : e
    m = low ? m + m - 1 : m - 1
    let z = m * m
    var y: Float = 7.037_683_629_2e-2
    y = y * m - 1.151_461_031_0e-1
    y = y * m + 1.167_699_874_0e-1
    y = y * m - 1.242_014_084_6e-1
    y = y * m + 1.424_932_278_7e-1
    y = y * m - 1.666_805_766_5e-1
    y = y * m + 2.000_071_476_5e-1
    y = y * m - 2.499_999_399_3e-1
    y = y * m + 3.333_333_117_4e-1
    y = y * m * z
    y = y + e * -2.121_944_40e-4
    y = y - 0.5 * z
    var result = m + y + e * 0.693_359_375
    result = x0 == 0 ? -Float.infinity : result
    result = x0 < 0 ? Float.nan : result
    result = x0 == Float.infinity ? Float.infinity : result
    return x0.isNaN ? x0 : result
}

/// tanh x: `RationalTanh.value` (degree 5/3 in x², 3.1·10⁻⁷ absolute error).
@inline(__always)
func fastTanh(_ x: Float) -> Float { RationalTanh.value(x) }

/// σ(x) = 1 / (1 + e^{−x}).
@inline(__always)
func fastSigmoid(_ x: Float) -> Float {
    1 / (1 + fastExp(-x))
}

/// softplus(x) = ln(1 + eˣ) = max(x, 0) + ln(1 + e^{−|x|}), with ln(1 + t)
/// computed as ln(u)·t/(u − 1), u = 1 + t, which keeps full relative accuracy
/// when t is tiny (Goldberg's log1p trick).
@inline(__always)
func fastSoftplus(_ x: Float) -> Float {
    let a = x < 0 ? -x : x
    let t = fastExp(-a)
    let u = 1 + t
    let d = u - 1
    let log1p = d == 0 ? t : fastLog(u) * (t / d)
    return (x > 0 ? x : 0) + log1p
}
