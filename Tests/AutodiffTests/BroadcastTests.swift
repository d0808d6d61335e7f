@testable import Autodiff
import XCTest

final class BroadcastTests: XCTestCase {
    /// (rows, cols) pairs of the two operands: same shape, a row, a column,
    /// a scalar, on either side, and both sides broadcast at once.
    let shapes: [((Int, Int), (Int, Int))] = [
        ((3, 4), (3, 4)), ((3, 4), (1, 4)), ((3, 4), (3, 1)), ((3, 4), (1, 1)),
        ((1, 4), (3, 4)), ((3, 1), (3, 4)), ((1, 1), (3, 4)), ((1, 4), (3, 1)),
    ]

    func testForwardBroadcastsLikeNumPy() {
        let tape = Tape()
        let a = tape.constant([1, 2, 3, 4, 5, 6], rows: 2, cols: 3)
        XCTAssertEqual((a + tape.constant([10, 20, 30], rows: 1, cols: 3)).values, [11, 22, 33, 14, 25, 36])
        XCTAssertEqual((a * tape.constant([2, 3], rows: 2, cols: 1)).values, [2, 4, 6, 12, 15, 18])
        XCTAssertEqual((tape.constant([1, 2, 3], rows: 1, cols: 3) - tape.constant([1, 2], rows: 2, cols: 1)).values,
                       [0, 1, 2, -1, 0, 1])
        XCTAssertEqual((a / tape.scalar(2)).values, [0.5, 1, 1.5, 2, 2.5, 3])
        XCTAssertEqual(minimum(a, tape.scalar(3.5)).values, [1, 2, 3, 3.5, 3.5, 3.5])
        XCTAssertEqual(maximum(tape.constant([0, 9, 0], rows: 1, cols: 3), a).values, [1, 9, 3, 4, 9, 6])
    }

    func testArithmeticGradientsForEveryBroadcastPattern() {
        let ops: [(String, (Tensor, Tensor) -> Tensor)] = [
            ("add", { $0 + $1 }), ("sub", { $0 - $1 }), ("mul", { $0 * $1 }), ("div", { $0 / $1 }),
        ]
        for (name, op) in ops {
            for (k, (sa, sb)) in shapes.enumerated() {
                let a = input(sa.0, sa.1, seed: UInt64(100 + k), -1, 1)
                let b = input(sb.0, sb.1, seed: UInt64(200 + k), 0.5, 1.5) // keeps div away from 0
                let report = GradientCheck.run(inputs: [a, b]) { _, v in project(op(v[0], v[1])) }
                XCTAssertTrue(report.passed, "\(name) \(sa)⊕\(sb): \(report)")
            }
        }
    }

    func testMinMaxGradientsGoToTheSelectedOperand() {
        for (k, (sa, sb)) in shapes.enumerated() {
            let a = input(sa.0, sa.1, seed: UInt64(300 + k), -1, 1)
            // b differs from every a it meets by at least 0.1 (no ties under ±h).
            var b = input(sb.0, sb.1, seed: UInt64(400 + k), -1, 1)
            for i in b.values.indices where a.values.contains(where: { Swift.abs($0 - b.values[i]) < 0.1 }) {
                b.values[i] = 3 // above every a
            }
            for (name, op) in [("min", minimum), ("max", maximum)] as [(String, (Tensor, Tensor) -> Tensor)] {
                let report = GradientCheck.run(inputs: [a, b]) { _, v in project(op(v[0], v[1])) }
                XCTAssertTrue(report.passed, "\(name) \(sa)⊕\(sb): \(report)")
            }
        }
    }

    func testSameTensorOnBothSides() {
        assertGradients([input(2, 3, seed: 5)]) { _, v in project(v[0] * v[0] + v[0] / (v[0].squared() + 1)) }
    }
}
