import XCTest
@testable import Evolution

final class FitnessShapingTests: XCTestCase {
    func testCenteredRanksSpanMinusHalfToHalfInFitnessOrder() {
        let s = FitnessShaping.centeredRanks.shape([3, -1, 10, 0, 5])
        XCTAssertEqual(s.utilities, [0, -0.5, 0.5, -0.25, 0.25])
        XCTAssertEqual(s.nonFinite, 0)
    }

    func testTiesShareTheirAverageRank() {
        let u = FitnessShaping.centeredRanks.shape([1, 2, 2, 3]).utilities
        XCTAssertEqual(u[1], u[2])
        XCTAssertEqual(u[1], 0, accuracy: 1e-7) // ranks 1 and 2 → 1.5 of 3 → 0
        XCTAssertEqual(u[0], -0.5)
        XCTAssertEqual(u[3], 0.5)
    }

    func testNonFiniteIsWorstAndCounted() {
        for shaping in FitnessShaping.allCases {
            let s = shaping.shape([1, .nan, 4, .infinity, 2, -.infinity])
            XCTAssertEqual(s.nonFinite, 3, "\(shaping)")
            XCTAssertTrue(s.utilities.allSatisfy(\.isFinite), "\(shaping)")
            let finiteWorst = s.utilities[0]
            for bad in [1, 3, 5] { XCTAssertLessThanOrEqual(s.utilities[bad], finiteWorst, "\(shaping)") }
            XCTAssertLessThan(s.utilities[4], s.utilities[2], "\(shaping)")
        }
        // Under ranks the non-finite members tie strictly below every finite one.
        let u = FitnessShaping.centeredRanks.shape([1, .nan, 4, .infinity]).utilities
        XCTAssertEqual(u[1], u[3])
        XCTAssertLessThan(u[1], u[0])
    }

    func testAllNonFiniteGivesZeroUtilities() {
        for shaping in FitnessShaping.allCases {
            let s = shaping.shape([.nan, .infinity, .nan, .nan])
            XCTAssertEqual(s.utilities, [0, 0, 0, 0])
            XCTAssertEqual(s.nonFinite, 4)
        }
    }

    func testZScoreHasZeroMeanUnitVariance() {
        let u = FitnessShaping.zScore.shape([1, 2, 3, 4, 10]).utilities.map(Double.init)
        let mean = u.reduce(0, +) / 5
        let variance = u.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5
        XCTAssertEqual(mean, 0, accuracy: 1e-6)
        XCTAssertEqual(variance, 1, accuracy: 1e-5)
        XCTAssertEqual(FitnessShaping.zScore.shape([7, 7, 7]).utilities, [0, 0, 0])
    }

    func testRawKeepsFitness() {
        XCTAssertEqual(FitnessShaping.raw.shape([1.5, -2, .nan]).utilities, [1.5, -2, -2])
    }

    func testNESUtilitiesSumToZeroAndFollowTheFormula() {
        let n = 10
        let fitness: [Float] = (0..<n).map { Float($0 * 7 % n) } // a permutation of 0…9
        let u = FitnessShaping.nesUtilities.shape(fitness).utilities
        XCTAssertEqual(Double(u.reduce(0, +)), 0, accuracy: 1e-6)
        // The best (fitness 9) gets (ln 6 − ln 1)/Σ − 1/10.
        let raw = (1...n).map { max(0, log(6.0) - log(Double($0))) }
        let best = fitness.firstIndex(of: 9)!, worst = fitness.firstIndex(of: 0)!
        XCTAssertEqual(Double(u[best]), raw[0] / raw.reduce(0, +) - 0.1, accuracy: 1e-6)
        XCTAssertEqual(Double(u[worst]), -0.1, accuracy: 1e-6)
        // Monotone in fitness.
        let order = fitness.indices.sorted { fitness[$0] < fitness[$1] }
        for k in 1..<n { XCTAssertLessThanOrEqual(u[order[k - 1]], u[order[k]]) }
    }

    func testShapingIsInvariantToMonotoneTransforms() {
        let f: [Float] = [0.3, -2, 5, 1, 0]
        for shaping in [FitnessShaping.centeredRanks, .nesUtilities] {
            XCTAssertEqual(shaping.shape(f).utilities, shaping.shape(f.map { exp($0) * 100 - 3 }).utilities)
        }
    }
}
