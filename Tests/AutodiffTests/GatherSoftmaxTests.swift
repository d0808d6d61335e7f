@testable import Autodiff
import Foundation
import XCTest

final class GatherSoftmaxTests: XCTestCase {
    func testGatherAndPickValues() {
        let tape = Tape()
        let x = tape.constant([1, 2, 3, 4, 5, 6], rows: 3, cols: 2)
        XCTAssertEqual(x.gatherRows([2, 0, 2]).values, [5, 6, 1, 2, 5, 6])
        XCTAssertEqual(x.pick(columns: [1, 0, 1]).values, [2, 3, 6])
        let idx: [Int32] = [0, 1, 1]
        XCTAssertEqual(idx.withUnsafeBufferPointer { x.pick(columns: $0) }.values, [1, 4, 6])
    }

    func testGatherAndPickGradientsAddOnRepeats() {
        assertGradients([input(4, 3, seed: 31)]) { _, v in project(v[0].gatherRows([3, 1, 3, 3, 0])) }
        assertGradients([input(4, 3, seed: 32)]) { _, v in project(v[0].pick(columns: [2, 0, 0, 1])) }
        let tape = Tape()
        let x = tape.variable([1, 2, 3, 4], rows: 2, cols: 2)
        tape.backward(x.gatherRows([1, 1, 1]).sum())
        XCTAssertEqual(x.gradient, [0, 0, 3, 3])
    }

    func testSoftmaxValues() {
        let tape = Tape()
        let logits: [Float] = [1, 2, 3, 1000, 1001, 999]
        let x = tape.constant(logits, rows: 2, cols: 3)
        let p = x.softmax().values
        let lp = x.logSoftmax().values
        for r in 0..<2 {
            let row = logits[(r * 3)..<(r * 3 + 3)].map(Double.init)
            let m = row.max()!
            let lse = m + Foundation.log(row.map { Foundation.exp($0 - m) }.reduce(0, +))
            for c in 0..<3 {
                XCTAssertEqual(Double(lp[r * 3 + c]), row[c] - lse, accuracy: 1e-5)
                XCTAssertEqual(Double(p[r * 3 + c]), Foundation.exp(row[c] - lse), accuracy: 1e-6)
            }
        }
    }

    func testSoftmaxGradients() {
        assertGradients([input(3, 4, seed: 33, -2, 2)]) { _, v in project(v[0].logSoftmax()) }
        assertGradients([input(3, 4, seed: 34, -2, 2)]) { _, v in project(v[0].softmax()) }
    }

    /// Two columns (a two-action policy) take their own vectorised path; it
    /// must give the general loop's bits, values and gradients. A third
    /// column of −∞ sends the same rows through the general loop without
    /// changing them (its e^{x − m} is below half an ulp of the sum, which is ≥ 1).
    func testTwoColumnLogSoftmaxIsTheGeneralLoopBitForBit() {
        var rng = SystemRandomNumberGenerator()
        let pairs = (0..<2 * 257).map { _ in Float.random(in: -30...30, using: &rng) }
        let weights = (0..<257).flatMap { _ in [Float.random(in: -2...2, using: &rng), Float.random(in: -2...2, using: &rng)] }
        func run(padded: Bool) -> (values: [Float], gradient: [Float]) {
            let tape = Tape()
            let cols = padded ? 3 : 2
            var v: [Float] = [], w: [Float] = []
            for r in 0..<257 {
                v += pairs[(2 * r)..<(2 * r + 2)] + (padded ? [-.infinity] : [])
                w += weights[(2 * r)..<(2 * r + 2)] + (padded ? [0] : [])
            }
            let x = tape.variable(v, rows: 257, cols: cols)
            let y = x.logSoftmax()
            tape.backward((y * tape.constant(w, rows: 257, cols: cols)).sum())
            let keep = { (a: [Float]) in (0..<257).flatMap { r in a[(r * cols)..<(r * cols + 2)] } }
            return (keep(y.values), keep(x.gradient))
        }
        let fast = run(padded: false), general = run(padded: true)
        XCTAssertEqual(fast.values.map(\.bitPattern), general.values.map(\.bitPattern))
        XCTAssertEqual(fast.gradient.map(\.bitPattern), general.gradient.map(\.bitPattern))
    }
}
