@testable import Autodiff
import Foundation
import XCTest

final class ElementwiseTests: XCTestCase {
    func testForwardValuesMatchDoubleMath() {
        let tape = Tape()
        let v = values(24, seed: 1, 0.1, 3)
        let x = tape.constant(v, rows: 4, cols: 6)
        func check(_ t: Tensor, _ f: (Double) -> Double, tolerance: Float = 2e-6) {
            assertClose(t.values, v.map { Float(f(Double($0))) }, tolerance: tolerance)
        }
        check(-x) { -$0 }
        check(x.exp()) { Foundation.exp($0) }
        check(x.log()) { Foundation.log($0) }
        check(x.tanh()) { Foundation.tanh($0) }
        check(x.sigmoid()) { 1 / (1 + Foundation.exp(-$0)) }
        check(x.softplus()) { Foundation.log1p(Foundation.exp($0)) }
        check(x.squared()) { $0 * $0 }
        check(x.sqrt()) { $0.squareRoot() }
        check((-x).abs()) { $0 }
        check((x - 1.5).relu()) { Swift.max($0 - 1.5, 0) }
        check((x - 1.5).leakyRelu(alpha: 0.1)) { $0 > 1.5 ? $0 - 1.5 : 0.1 * ($0 - 1.5) }
        check(x.clamped(min: 0.5, max: 2)) { Swift.min(Swift.max($0, 0.5), 2) }
        check(x.affine(scale: 3, shift: -1)) { 3 * $0 - 1 }
        check(2 - x) { 2 - $0 }
        check(x / 4) { $0 / 4 }
        check(1 / x, { 1 / $0 })
    }

    func testUnaryGradients() {
        let ops: [(String, (Tensor) -> Tensor, Float, Float, [Float])] = [
            ("neg", { -$0 }, -1, 1, []),
            ("exp", { $0.exp() }, -1, 1, []),
            ("log", { $0.log() }, 0.5, 2, []),
            ("tanh", { $0.tanh() }, -2, 2, []),
            ("sigmoid", { $0.sigmoid() }, -3, 3, []),
            ("relu", { $0.relu() }, -1, 1, [0]),
            ("leakyRelu", { $0.leakyRelu(alpha: 0.2) }, -1, 1, [0]),
            ("softplus", { $0.softplus() }, -3, 3, []),
            ("square", { $0.squared() }, -1, 1, []),
            ("sqrt", { $0.sqrt() }, 0.5, 2, []),
            ("abs", { $0.abs() }, -1, 1, [0]),
            ("clamp", { $0.clamped(min: -0.5, max: 0.4) }, -1, 1, [-0.5, 0.4]),
            ("affine", { $0.affine(scale: -2, shift: 0.3) }, -1, 1, []),
            ("scalar ops", { (3 * $0 + 1 - 2) / 5 - $0 * 0.5 }, -1, 1, []),
            ("reciprocal", { 2 / $0 }, 0.5, 2, []),
            ("activated softplus", { $0.activated(.softplus) }, -2, 2, []),
        ]
        for (i, (name, f, lo, hi, kinks)) in ops.enumerated() {
            let report = GradientCheck.run(inputs: [input(3, 5, seed: UInt64(10 + i), lo, hi, avoiding: kinks)]) { _, v in
                project(f(v[0]))
            }
            XCTAssertTrue(report.passed, "\(name): \(report)")
        }
    }

    func testClampPassesGradientOnlyInside() {
        let tape = Tape()
        let x = tape.variable([-2, 0, 2], rows: 1, cols: 3)
        tape.backward(x.clamped(min: -1, max: 1).sum())
        XCTAssertEqual(x.gradient, [0, 1, 0])
    }

    func testStopGradientBlocksTheFlow() {
        let tape = Tape()
        let x = tape.variable([1, 2], rows: 1, cols: 2)
        let y = (x * x.stopGradient()).sum() // d/dx = x (not 2x)
        tape.backward(y)
        XCTAssertEqual(x.gradient, [1, 2])
        XCTAssertEqual(y.scalar, 5)
    }
}
