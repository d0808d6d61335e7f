import XCTest
@testable import Random

final class RandomStreamTests: XCTestCase {
    func testSamePathSameNumbers() {
        let a = RandomStream(seed: 42, path: ["es", 3, 7])
        let b = RandomStream(seed: 42, path: ["es", 3, 7])
        for _ in 0..<1000 { XCTAssertEqual(a.next32(), b.next32()) }
    }

    func testDerivationDoesNotDependOnOtherStreams() {
        let first = RandomStream(seed: 1, path: ["x", 5]).uniform()
        let parent = RandomStream(seed: 1, path: ["x"])
        for _ in 0..<100 { _ = parent.uniform() }
        XCTAssertEqual(RandomStream(seed: 1, path: ["x", 5]).uniform(), first)
    }

    func testPathKeysDistinguishOrderKindAndConcatenation() {
        let paths: [[StreamPathComponent]] = [
            [], ["a"], ["a", 1, 2], ["a", 2, 1], ["a", 12], ["a1", 2], ["1"], [1], [0], ["es", 0, 0], ["es", 0, 1],
        ]
        var keys = Set<UInt64>()
        for p in paths { keys.insert(streamKey(seed: 9, path: p)) }
        XCTAssertEqual(keys.count, paths.count)
        XCTAssertNotEqual(streamKey(seed: 1, path: ["a"]), streamKey(seed: 2, path: ["a"]))
    }

    /// Neighbouring paths (adjacent members, adjacent generations) must give
    /// uncorrelated Gaussian sequences: |ρ| stays within ~4 standard errors.
    func testNeighbouringPathsAreUncorrelated() {
        let n = 20_000
        func draws(_ path: [StreamPathComponent], seed: UInt64 = 7) -> [Float] {
            var x = [Float](repeating: 0, count: n)
            RandomStream(seed: seed, path: path).fill(gaussian: &x)
            return x
        }
        func corr(_ a: [Float], _ b: [Float]) -> Double {
            var sab = 0.0, saa = 0.0, sbb = 0.0, sa = 0.0, sb = 0.0
            for i in 0..<n {
                let x = Double(a[i]), y = Double(b[i])
                sa += x; sb += y; sab += x * y; saa += x * x; sbb += y * y
            }
            let m = Double(n)
            let cov = sab / m - sa * sb / (m * m)
            return cov / ((saa / m - sa * sa / (m * m)).squareRoot() * (sbb / m - sb * sb / (m * m)).squareRoot())
        }
        let base = draws(["es", 0, 0])
        let limit = 4.0 / Double(n).squareRoot()
        for other in [draws(["es", 0, 1]), draws(["es", 1, 0]), draws(["es", 0, 0], seed: 8), draws(["env", 0, 0])] {
            XCTAssertLessThan(abs(corr(base, other)), limit)
        }
        // Lagged correlation too: stream B must not be a shifted copy of A.
        let b = draws(["es", 0, 1])
        for lag in 1...3 {
            XCTAssertLessThan(abs(corr(Array(base.dropFirst(lag)) + Array(repeating: 0, count: lag), b)), limit)
        }
    }

    func testStateRoundTripContinuesIdentically() throws {
        let a = RandomStream(seed: 3, path: ["ppo", 1])
        for _ in 0..<1234 { _ = a.gaussian() }
        let bytes = a.stateBytes
        XCTAssertEqual(bytes.count, RandomStream.stateByteCount)
        let b = try RandomStream(state: bytes)
        for _ in 0..<5000 {
            XCTAssertEqual(a.gaussian(), b.gaussian())
            XCTAssertEqual(a.uniform(), b.uniform())
        }
        XCTAssertEqual(a.stateBytes, b.stateBytes)
    }

    func testMalformedStateIsRejected() {
        XCTAssertThrowsError(try RandomStream(state: [1, 2, 3]))
        var bytes = RandomStream(seed: 1).stateBytes
        bytes[0] = 0
        XCTAssertThrowsError(try RandomStream(state: bytes)) { XCTAssertEqual($0 as? RandomStateError, .badMagic) }
    }

    /// An all-zero MT19937 state draws 0 forever, so `uniformPositive()` and
    /// the samplers that reject 0 would never return: it is refused.
    func testAllZeroStateIsRefused() {
        var bytes = RandomStream(seed: 1).stateBytes
        for i in 5..<bytes.count { bytes[i] = 0 }
        XCTAssertThrowsError(try RandomStream(state: bytes)) { XCTAssertEqual($0 as? RandomStateError, .allZero) }
        bytes[5 + 4 * 1] = 1 // word 1 set: a reachable state
        XCTAssertNoThrow(try RandomStream(state: bytes))
    }

    func testCopyContinuesIdentically() {
        let a = RandomStream(seed: 5)
        _ = a.uniform()
        let b = a.copy()
        for _ in 0..<100 { XCTAssertEqual(a.next32(), b.next32()) }
    }

    func testMomentsOfDraws() {
        let s = RandomStream(seed: 11)
        let n = 200_000
        var sum = 0.0, sq = 0.0
        for _ in 0..<n { let g = s.gaussian(mean: 1, sigma: 2); sum += g; sq += g * g }
        let mean = sum / Double(n), variance = sq / Double(n) - mean * mean
        XCTAssertEqual(mean, 1, accuracy: 0.03)
        XCTAssertEqual(variance, 4, accuracy: 0.1)
        var heads = 0
        for _ in 0..<n where s.bernoulli(0.3) { heads += 1 }
        XCTAssertEqual(Double(heads) / Double(n), 0.3, accuracy: 0.005)
        var counts = [0, 0, 0]
        for _ in 0..<n { counts[s.categorical([1, 2, 7])] += 1 }
        XCTAssertEqual(Double(counts[0]) / Double(n), 0.1, accuracy: 0.005)
        XCTAssertEqual(Double(counts[2]) / Double(n), 0.7, accuracy: 0.005)
        XCTAssertEqual(s.categorical([0, 0, 5]), 2)
        for _ in 0..<1000 { let k = s.integer(below: 5); XCTAssert((0..<5).contains(k)) }
        let p = s.permutation(50)
        XCTAssertEqual(p.sorted(), Array(0..<50))
    }
}
