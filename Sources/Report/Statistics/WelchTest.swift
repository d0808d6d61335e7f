/// Welch's unequal-variances t-test (Welch 1947) of H₀: E[X] = E[Y]:
///
///     t = (x̄ − ȳ) / √(s²ₓ/nₓ + s²ᵧ/nᵧ)
///     ν = (s²ₓ/nₓ + s²ᵧ/nᵧ)² / [ (s²ₓ/nₓ)²/(nₓ − 1) + (s²ᵧ/nᵧ)²/(nᵧ − 1) ]   (Welch–Satterthwaite)
///     p = P(|T_ν| ≥ |t|)                                                  (two-sided)
///
///     let w = WelchTest(evolvedFinalReturns, ppoFinalReturns)
///     print(w.t, w.degreesOfFreedom, w.p)
public struct WelchTest: Sendable, Equatable, Codable {
    /// x̄ − ȳ.
    public var difference: Double
    /// The t statistic (positive when x̄ > ȳ).
    public var t: Double
    /// ν, the Welch–Satterthwaite degrees of freedom.
    public var degreesOfFreedom: Double
    /// The two-sided p-value.
    public var p: Double

    /// Needs at least two values per sample; otherwise (or with zero variance
    /// in both) t, ν and p are NaN and only `difference` is meaningful.
    public init(_ x: [Double], _ y: [Double]) {
        let mx = Descriptive.mean(x), my = Descriptive.mean(y)
        difference = mx - my
        let vx = Descriptive.variance(x) / Double(x.count), vy = Descriptive.variance(y) / Double(y.count)
        let se2 = vx + vy
        guard x.count >= 2, y.count >= 2, se2 > 0, se2.isFinite else {
            t = .nan
            degreesOfFreedom = .nan
            p = .nan
            return
        }
        t = difference / se2.squareRoot()
        degreesOfFreedom = se2 * se2 / (vx * vx / Double(x.count - 1) + vy * vy / Double(y.count - 1))
        p = StudentT.twoSidedP(t: t, degreesOfFreedom: degreesOfFreedom)
    }
}
