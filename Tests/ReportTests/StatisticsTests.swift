import Foundation
import XCTest
@testable import Report

final class StatisticsTests: XCTestCase {
    func testDescriptiveAgainstHandComputedValues() {
        let x = [2.0, 4, 4, 4, 5, 5, 7, 9]
        XCTAssertEqual(Descriptive.mean(x), 5)
        // Σ(x − 5)² = 32, n − 1 = 7.
        XCTAssertEqual(Descriptive.variance(x), 32.0 / 7, accuracy: 1e-12)
        // Type-7 quantile: h = 7·0.25 = 1.75 → 4 + 0.75·(4 − 4) = 4; median h = 3.5 → 4.5.
        XCTAssertEqual(Descriptive.quantile(x, 0.25), 4)
        XCTAssertEqual(Descriptive.median(x), 4.5)
        XCTAssertTrue(Descriptive.mean([]).isNaN)
        XCTAssertTrue(Descriptive.variance([1]).isNaN)
    }

    /// Coverage: over many samples from a known distribution, the 95%
    /// interval of the mean should contain the true mean about 95% of the time.
    func testBootstrapIntervalCoversAKnownMean() {
        var rng = SplitMix64(seed: 42)
        func normal() -> Double {   // Box–Muller from the report's own generator
            // u1 ∈ (0, 1] (log is finite), u2 ∈ [0, 1)
            let u1 = (Double(rng.next() >> 11) + 1) / 9_007_199_254_740_992, u2 = Double(rng.next() >> 11) / 9_007_199_254_740_992
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
        let trueMean = 3.0
        var covered = 0
        let trials = 200
        for t in 0..<trials {
            let sample = (0..<30).map { _ in trueMean + 2 * normal() }
            let ci = Bootstrap.interval(sample, resamples: 1_000, seed: UInt64(t))
            XCTAssertLessThanOrEqual(ci.lower, ci.estimate)
            XCTAssertGreaterThanOrEqual(ci.upper, ci.estimate)
            if ci.contains(trueMean) { covered += 1 }
        }
        // The percentile bootstrap at n = 30 under-covers slightly; 200 trials give ±3% noise.
        XCTAssertGreaterThan(covered, Int(0.85 * Double(trials)), "coverage \(covered)/\(trials)")
        XCTAssertLessThan(covered, trials)
        // Deterministic for a seed; one value gives a point interval.
        let s = [1.0, 5, 2, 8, 3]
        XCTAssertEqual(Bootstrap.interval(s, seed: 7), Bootstrap.interval(s, seed: 7))
        XCTAssertEqual(Bootstrap.interval([4]), Interval(estimate: 4, lower: 4, upper: 4, level: 0.95))
    }

    func testStudentTAgainstClosedForms() {
        // ν = 1 is Cauchy: P(|T| ≥ t) = 1 − (2/π)·atan(t).
        for t in [0.3, 1.0, 2.5, 12.0] {
            XCTAssertEqual(StudentT.twoSidedP(t: t, degreesOfFreedom: 1), 1 - 2 / .pi * atan(t), accuracy: 1e-10)
        }
        // ν = 2: P(|T| ≥ t) = 1 − t/√(2 + t²).
        for t in [0.1, 1.0, 3.0, 20.0] {
            XCTAssertEqual(StudentT.twoSidedP(t: t, degreesOfFreedom: 2), 1 - t / (2 + t * t).squareRoot(), accuracy: 1e-10)
        }
        // Large ν approaches the normal: P(|Z| ≥ 1.959964) = 0.05.
        XCTAssertEqual(StudentT.twoSidedP(t: 1.959964, degreesOfFreedom: 1e7), 0.05, accuracy: 1e-5)
        XCTAssertEqual(StudentT.cdf(0, degreesOfFreedom: 5), 0.5, accuracy: 1e-12)
        XCTAssertEqual(StudentT.cdf(-1, degreesOfFreedom: 1), 0.25, accuracy: 1e-10)
    }

    func testWelchAgainstAHandComputedExample() {
        // x̄ = 3, s²ₓ = 10/4 = 2.5 (n 5); ȳ = 6, s²ᵧ = (16 + 1 + 1 + 16)/3 = 34/3 (n 4).
        // SE² = 2.5/5 + (34/3)/4 = 1/2 + 17/6 = 10/3 → t = −3/√(10/3).
        // ν = (10/3)² / ((1/2)²/4 + (17/6)²/3) = (100/9) / (1/16 + 289/108).
        let x = [1.0, 2, 3, 4, 5], y = [2.0, 5, 7, 10]
        XCTAssertEqual(Descriptive.variance(y), 34.0 / 3, accuracy: 1e-12)
        let w = WelchTest(x, y)
        XCTAssertEqual(w.difference, -3, accuracy: 1e-12)
        XCTAssertEqual(w.t, -3 / (10.0 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(w.degreesOfFreedom, (100.0 / 9) / (1.0 / 16 + 289.0 / 108), accuracy: 1e-12)
        // ν is not an integer: check p against the same tail computed by
        // integrating the t density numerically (Simpson's rule), an independent oracle.
        XCTAssertEqual(w.p, numericTail(t: abs(w.t), nu: w.degreesOfFreedom), accuracy: 1e-6)
        XCTAssertTrue((0.1...0.25).contains(w.p), "p = \(w.p)")
        XCTAssertTrue(WelchTest([1, 1], [1, 1]).p.isNaN)
    }

    /// 2∫_t^∞ f(u) du with the Student-t density, by Simpson's rule after u = t/v.
    private func numericTail(t: Double, nu: Double) -> Double {
        let c = exp(lgamma((nu + 1) / 2) - lgamma(nu / 2)) / (nu * .pi).squareRoot()
        func f(_ u: Double) -> Double { c * pow(1 + u * u / nu, -(nu + 1) / 2) }
        // ∫_t^∞ f(u) du = ∫_0^1 f(t/v)·t/v² dv.
        let n = 200_000
        let h = 1.0 / Double(n)
        func g(_ v: Double) -> Double { v == 0 ? 0 : f(t / v) * t / (v * v) }
        var s = g(0) + g(1)
        for i in 1..<n { s += (i % 2 == 1 ? 4 : 2) * g(Double(i) * h) }
        return 2 * s * h / 3
    }

    func testCurvesResampleAreaAndThreshold() {
        let events: [(step: Double, value: Double)] = [(150, 3), (100, 1), (400, 5)]
        let r = Curves.resample(events: events, grid: [50, 200, 300, 400])
        XCTAssertTrue(r[0].isNaN)
        XCTAssertEqual(Array(r[1...]), [2, 2, 5])
        XCTAssertEqual(Curves.normalizedArea(x: [0, 1, 2], y: [0, 2, 2]), 1.5)   // (1 + 2) / 2
        XCTAssertEqual(Curves.firstReaching(2, x: [10, 20, 30], y: [1, 2, 3]), 20)
        XCTAssertNil(Curves.firstReaching(9, x: [10, 20], y: [1, 2]))
        let band = Curves.band(runs: [[1, 2], [3, 4], [5, 6]], resamples: 200)
        XCTAssertEqual(band.mean, [3, 4])
        XCTAssertTrue(band.lower[0] >= 1 && band.lower[0] <= 3 && band.upper[1] >= 4 && band.upper[1] <= 6)
    }
}
