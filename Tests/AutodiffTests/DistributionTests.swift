@testable import Autodiff
import Foundation
import Random
import XCTest

final class DistributionTests: XCTestCase {
    func testCategoricalValues() {
        let tape = Tape()
        let logits: [Float] = [0.5, -1, 2, 0, 0, 0]
        let d = Categorical(logits: tape.constant(logits, rows: 2, cols: 3))
        let lp = d.logProb([2, 1]).values
        let z0 = Foundation.log(Foundation.exp(0.5) + Foundation.exp(-1) + Foundation.exp(2.0))
        XCTAssertEqual(Double(lp[0]), 2 - z0, accuracy: 1e-6)
        XCTAssertEqual(Double(lp[1]), -Foundation.log(3), accuracy: 1e-6)
        XCTAssertEqual(Double(d.entropy().values[1]), Foundation.log(3), accuracy: 1e-6, "uniform row")
        XCTAssertEqual(d.kl(to: d).values, [0, 0])
        let q = Categorical(logits: tape.constant([0, 0, 0, 0.5, -1, 2], rows: 2, cols: 3))
        let p0 = [0.5, -1, 2.0].map { Foundation.exp($0 - z0) }
        let kl0 = p0.reduce(0) { $0 + $1 * (Foundation.log($1) - Foundation.log(1.0 / 3)) }
        XCTAssertEqual(Double(d.kl(to: q).values[0]), kl0, accuracy: 1e-6)
        XCTAssertEqual(d.mode(), [2, 0])
    }

    func testCategoricalSamplingFollowsTheProbabilities() {
        let tape = Tape()
        let n = 20_000
        let logits = (0..<n).flatMap { _ -> [Float] in [0, Float(Foundation.log(3.0))] } // p(1) = 3/4
        let d = Categorical(logits: tape.constant(logits, rows: n, cols: 2))
        let draws = d.sample(rng: RandomStream(seed: 5, path: ["sample"]))
        let ones = Double(draws.filter { $0 == 1 }.count) / Double(n)
        XCTAssertEqual(ones, 0.75, accuracy: 0.015)
        XCTAssertEqual(draws, d.sample(rng: RandomStream(seed: 5, path: ["sample"])), "reproducible")
    }

    func testCategoricalGradients() {
        assertGradients([input(4, 3, seed: 51, -2, 2)]) { _, v in project(Categorical(logits: v[0]).logProb([0, 2, 1, 2])) }
        assertGradients([input(4, 3, seed: 52, -2, 2)]) { _, v in project(Categorical(logits: v[0]).entropy()) }
        assertGradients([input(4, 3, seed: 53, -2, 2), input(4, 3, seed: 54, -2, 2)]) { _, v in
            project(Categorical(logits: v[0]).kl(to: Categorical(logits: v[1])))
        }
    }

    func testGaussianValuesMatchClosedForms() {
        let tape = Tape()
        let mu: [Float] = [0.5, -1, 0, 2], ls: [Float] = [0.1, -0.3]
        let x: [Float] = [1, 0, -0.5, 2.5]
        let d = DiagonalGaussian(mean: tape.constant(mu, rows: 2, cols: 2), logStd: tape.constant(ls, rows: 1, cols: 2))
        let lp = d.logProb(tape.constant(x, rows: 2, cols: 2)).values
        for r in 0..<2 {
            var expected = 0.0
            for c in 0..<2 {
                let s = Foundation.exp(Double(ls[c])), z = (Double(x[r * 2 + c]) - Double(mu[r * 2 + c])) / s
                expected += -0.5 * z * z - Foundation.log(s) - 0.5 * Foundation.log(2 * .pi)
            }
            XCTAssertEqual(Double(lp[r]), expected, accuracy: 1e-5)
        }
        let h = d.entropy()
        XCTAssertEqual(h.rows, 2)
        XCTAssertEqual(Double(h.values[0]), Double(ls[0] + ls[1]) + Foundation.log(2 * .pi * M_E), accuracy: 1e-5)
        XCTAssertEqual(d.kl(to: d).values, [0, 0])
        let q = DiagonalGaussian(mean: tape.constant([0, 0, 0, 0], rows: 2, cols: 2), logStd: tape.constant([0, 0], rows: 1, cols: 2))
        var kl0 = 0.0
        for c in 0..<2 {
            let sp = Foundation.exp(Double(ls[c])), m = Double(mu[c])
            kl0 += -Foundation.log(sp) + (sp * sp + m * m) / 2 - 0.5
        }
        XCTAssertEqual(Double(d.kl(to: q).values[0]), kl0, accuracy: 1e-5)
    }

    func testGaussianSamplingHasTheRightMoments() {
        let tape = Tape()
        let n = 20_000
        let d = DiagonalGaussian(mean: tape.filled(1.5, rows: n, cols: 1), logStd: tape.scalar(Float(Foundation.log(0.5))))
        let s = d.sample(rng: RandomStream(seed: 6, path: ["gauss"])).map(Double.init)
        let mean = s.reduce(0, +) / Double(n)
        let sd = (s.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)).squareRoot()
        XCTAssertEqual(mean, 1.5, accuracy: 0.02)
        XCTAssertEqual(sd, 0.5, accuracy: 0.02)
    }

    func testGaussianGradients() {
        let mu = input(3, 2, seed: 55), ls = input(1, 2, seed: 56, -0.5, 0.5), x = input(3, 2, seed: 57)
        assertGradients([mu, ls, x]) { _, v in project(DiagonalGaussian(mean: v[0], logStd: v[1]).logProb(v[2])) }
        assertGradients([mu, ls]) { _, v in project(DiagonalGaussian(mean: v[0], logStd: v[1]).entropy()) }
        let rowLogStd = input(3, 2, seed: 58, -0.5, 0.5)
        assertGradients([mu, rowLogStd, input(3, 2, seed: 59), ls]) { _, v in
            project(DiagonalGaussian(mean: v[0], logStd: v[1]).kl(to: DiagonalGaussian(mean: v[2], logStd: v[3])))
        }
    }
}
