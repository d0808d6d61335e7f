import Foundation
@testable import Random
import XCTest

/// `RandomStream.fill(normal:)`: GSL's taus2 words, drawn in place, turned
/// into N(0, 1) by the Marsaglia–Tsang ziggurat.
final class ZigguratTests: XCTestCase {
    /// The inlined Tausworthe step is GSL's: word for word what `gsl_rng_get` returns.
    func testTausStepMatchesGSL() {
        for seed in [0, 1, 42, 9_999_999] as [UInt64] {
            let ours = RandomStream(seed: seed, path: ["taus"], generator: .taus2)
            let gsl = ours.copy()
            for n in 0..<20_000 {
                let a = ours.tausWord(), b = gsl.next32()
                if a != b { return XCTFail("seed \(seed), word \(n): \(a) != GSL's \(b)") }
            }
        }
    }

    /// The state is written back: after a fill, the stream's next GSL word is
    /// the one the Tausworthe step continues with.
    func testFillLeavesTheStreamWhereItsWordsEnd() {
        let stream = RandomStream(seed: 7, path: ["taus"], generator: .taus2)
        var buffer = [Float](repeating: 0, count: 1_000)
        buffer.withUnsafeMutableBufferPointer { stream.fill(normal: $0) }
        let twin = stream.copy()
        XCTAssertEqual(stream.tausWord(), twin.next32())
        XCTAssertEqual(stream.next32(), twin.tausWord())
    }

    /// Same stream, same draws; another path, other draws.
    func testDrawsAreAFunctionOfThePath() {
        func draws(_ path: [StreamPathComponent]) -> [Float] {
            var b = [Float](repeating: 0, count: 4_096)
            b.withUnsafeMutableBufferPointer { RandomStream(seed: 3, path: path, generator: .taus2).fill(normal: $0) }
            return b
        }
        XCTAssertEqual(draws(["a", 1]).map(\.bitPattern), draws(["a", 1]).map(\.bitPattern))
        XCTAssertNotEqual(draws(["a", 1]), draws(["a", 2]))
    }

    /// Two million draws against N(0, 1): moments, the Kolmogorov–Smirnov
    /// distance to Φ, and the mass beyond the tail start r and beyond 4, so
    /// the table, the wedges and the tail are all checked. A wrong table or a
    /// layer/sign bit reused as position bits fails these by a wide margin.
    func testDrawsAreStandardNormal() {
        let n = 2_000_000
        var x = [Float](repeating: 0, count: n)
        let stream = RandomStream(seed: 11, path: ["normal"], generator: .taus2)
        x.withUnsafeMutableBufferPointer { stream.fill(normal: $0) }
        var s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0
        var beyondR = 0, beyond4 = 0, negative = 0
        for v in x {
            let d = Double(v)
            s1 += d; s2 += d * d; s3 += d * d * d; s4 += d * d * d * d
            if abs(d) > Ziggurat.r { beyondR += 1 }
            if abs(d) > 4 { beyond4 += 1 }
            if d < 0 { negative += 1 }
        }
        let m = Double(n)
        XCTAssertEqual(s1 / m, 0, accuracy: 0.004)           // σ/√n = 0.0007
        XCTAssertEqual(s2 / m, 1, accuracy: 0.006)           // √(2/n) = 0.001
        XCTAssertEqual(s3 / m, 0, accuracy: 0.012)           // √(15/n) = 0.0027
        XCTAssertEqual(s4 / m, 3, accuracy: 0.05)            // √(96/n) = 0.007
        XCTAssertEqual(Double(negative) / m, 0.5, accuracy: 0.002)
        // P(|Z| > r) = 5.76e-4 → 1,152 expected (sd 34); P(|Z| > 4) = 6.33e-5 → 127 (sd 11).
        XCTAssertEqual(Double(beyondR), 2 * m * Self.upperTail(Ziggurat.r), accuracy: 5 * 34)
        XCTAssertEqual(Double(beyond4), 2 * m * Self.upperTail(4), accuracy: 5 * 11.3)
        // Kolmogorov–Smirnov: the 0.1 % critical value is 1.95/√n = 0.0014.
        let sorted = x.sorted()
        var ks = 0.0
        for (i, v) in sorted.enumerated() where i % 97 == 0 || i == n - 1 {
            let cdf = 1 - Self.upperTail(Double(v))
            ks = max(ks, abs(cdf - Double(i) / m), abs(cdf - Double(i + 1) / m))
        }
        XCTAssertLessThan(ks, 0.0014)
    }

    /// P(Z > z) for a standard normal Z.
    static func upperTail(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }
}
