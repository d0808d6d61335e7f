@testable import Autodiff
import Random
import XCTest

final class ShapeTests: XCTestCase {
    func testReductionValues() {
        let tape = Tape()
        let x = tape.constant([1, 2, 3, 4, 5, 6], rows: 2, cols: 3)
        XCTAssertEqual(x.sum().scalar, 21)
        XCTAssertEqual(x.mean().scalar, 3.5)
        XCTAssertEqual(x.sum(axis: 0).values, [5, 7, 9])
        XCTAssertEqual(x.sum(axis: 1).values, [6, 15])
        XCTAssertEqual(x.mean(axis: 0).values, [2.5, 3.5, 4.5])
        XCTAssertEqual(x.mean(axis: 1).values, [2, 5])
        XCTAssertEqual(x.sum(axis: 0).rows, 1)
        XCTAssertEqual(x.sum(axis: 1).cols, 1)
    }

    func testReductionGradients() {
        let reductions: [(String, (Tensor) -> Tensor)] = [
            ("sum", { $0.sum() * 0.7 }), ("mean", { $0.mean() * 3 }),
            ("sum0", { project($0.sum(axis: 0)) }), ("sum1", { project($0.sum(axis: 1)) }),
            ("mean0", { project($0.mean(axis: 0)) }), ("mean1", { project($0.mean(axis: 1)) }),
        ]
        for (name, f) in reductions {
            let report = GradientCheck.run(inputs: [input(4, 3, seed: 21)]) { _, v in f(v[0]) }
            XCTAssertTrue(report.passed, "\(name): \(report)")
        }
    }

    func testLongSumsAreAccurate() {
        let tape = Tape()
        let n = 100_003
        let x = tape.filled(0.1, rows: n, cols: 1)
        let exact = Double(Float(0.1)) * Double(n)
        var naive: Float = 0
        for _ in 0..<n { naive += 0.1 }
        XCTAssertGreaterThan(Swift.abs(Double(naive) - exact), 0.1, "a plain Float loop drifts")
        XCTAssertEqual(Double(x.sum().scalar), exact, accuracy: 2e-3) // ≈ 2 ulp at 10⁴
        XCTAssertEqual(Double(x.mean().scalar), Double(Float(0.1)), accuracy: 2e-8)
    }

    func testReshapeSliceRepeatValues() {
        let tape = Tape()
        let x = tape.constant([1, 2, 3, 4, 5, 6], rows: 3, cols: 2)
        XCTAssertEqual(x.reshaped(rows: 2, cols: 3).values, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(x.rows(1..<3).values, [3, 4, 5, 6])
        XCTAssertEqual(x.columns(1..<2).values, [2, 4, 6])
        XCTAssertEqual(x.rows(0..<1).repeated(rows: 2).values, [1, 2, 1, 2])
    }

    func testShapeGradients() {
        let cases: [(String, (Tensor) -> Tensor)] = [
            ("reshape", { project($0.reshaped(rows: 2, cols: 6).squared()) }),
            ("rows", { project($0.rows(1..<3)) + project($0.rows(0..<2).squared(), seed: 3) }),
            ("columns", { project($0.columns(1..<3)) + project($0.columns(0..<1).exp(), seed: 4) }),
            ("repeated", { project($0.rows(2..<3).repeated(rows: 5)) }),
        ]
        for (name, f) in cases {
            let report = GradientCheck.run(inputs: [input(4, 3, seed: 22)]) { _, v in f(v[0]) }
            XCTAssertTrue(report.passed, "\(name): \(report)")
        }
    }

    func testConcatValuesAndGradients() {
        let tape = Tape()
        let a = tape.constant([1, 2], rows: 2, cols: 1), b = tape.constant([3, 4, 5, 6], rows: 2, cols: 2)
        XCTAssertEqual(concat(a, b, axis: 1).values, [1, 3, 4, 2, 5, 6])
        XCTAssertEqual(concat(b, b.rows(0..<1), axis: 0).values, [3, 4, 5, 6, 3, 4])
        XCTAssertEqual(concat([a, b, a], axis: 1).values, [1, 3, 4, 1, 2, 5, 6, 2])

        let x = input(3, 2, seed: 23), y = input(3, 4, seed: 24), z = input(1, 2, seed: 25)
        assertGradients([x, y]) { _, v in project(concat(v[0], v[1], axis: 1)) }
        assertGradients([x, y, z]) { _, v in project(concat(v[0], v[1].columns(0..<2), v[2], axis: 0)) }
        assertGradients([x, y]) { _, v in project(concat([v[0], v[1], v[0]], axis: 1).tanh()) }
    }

    func testParameterReadTwiceAccumulates() {
        let rng = RandomStream(seed: 3)
        let params = ParameterSet()
        let w = params.add("w", rows: 2, cols: 2, initializer: .gaussian(sigma: 1), rng: rng)
        assertGradients([input(3, 2, seed: 26)], parameters: [params]) { tape, v in
            project(v[0].matmul(tape.bind(w)).tanh().matmul(tape.bind(w)))
        }
    }
}
