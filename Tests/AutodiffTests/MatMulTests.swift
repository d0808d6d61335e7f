@testable import Autodiff
import XCTest

final class MatMulTests: XCTestCase {
    private func naive(_ a: [Float], _ m: Int, _ k: Int, _ b: [Float], _ n: Int) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k { c[i * n + j] += a[i * k + p] * b[p * n + j] } } }
        return c
    }

    private func transpose(_ a: [Float], _ r: Int, _ c: Int) -> [Float] {
        (0..<(r * c)).map { a[($0 % r) * c + $0 / r] }
    }

    func testForwardMatchesNaiveProductForEveryTransposition() {
        let tape = Tape()
        let a = values(12, seed: 1), b = values(20, seed: 2) // A [3, 4], B [4, 5]
        let expected = naive(a, 3, 4, b, 5)
        let at = transpose(a, 3, 4), bt = transpose(b, 4, 5)
        assertClose(tape.constant(a, rows: 3, cols: 4).matmul(tape.constant(b, rows: 4, cols: 5)).values, expected)
        assertClose(matmul(tape.constant(at, rows: 4, cols: 3), tape.constant(b, rows: 4, cols: 5), transposeA: true).values, expected)
        assertClose(matmul(tape.constant(a, rows: 3, cols: 4), tape.constant(bt, rows: 5, cols: 4), transposeB: true).values, expected)
        assertClose(matmul(tape.constant(at, rows: 4, cols: 3), tape.constant(bt, rows: 5, cols: 4),
                           transposeA: true, transposeB: true).values, expected)
        assertClose(tape.constant(a, rows: 3, cols: 4).transposed().values, at)
    }

    func testNarrowOutputsTakeTheAllocationFreePathCorrectly() {
        // N mod 16 in 1…8 is split into sgemm + sgemv (see `gemm`).
        let tape = Tape()
        for n in [1, 2, 3, 8, 17, 21, 40] {
            let a = values(5 * 70, seed: UInt64(n)), b = values(70 * n, seed: UInt64(100 + n))
            let out = tape.constant(a, rows: 5, cols: 70).matmul(tape.constant(b, rows: 70, cols: n))
            assertClose(out.values, naive(a, 5, 70, b, n), tolerance: 1e-4)
        }
    }

    func testGradientsForEveryTransposition() {
        for ta in [false, true] {
            for tb in [false, true] {
                let a = input(ta ? 4 : 3, ta ? 3 : 4, seed: 7)
                let b = input(tb ? 5 : 4, tb ? 4 : 5, seed: 8)
                let report = GradientCheck.run(inputs: [a, b]) { _, v in
                    project(matmul(v[0], v[1], transposeA: ta, transposeB: tb))
                }
                XCTAssertTrue(report.passed, "transposeA \(ta) transposeB \(tb): \(report)")
            }
        }
    }

    func testTransposeGradient() {
        assertGradients([input(3, 5, seed: 9)]) { _, v in project(v[0].transposed()) }
    }

    func testLinearMatchesMatmulPlusBiasWithEveryActivation() {
        let acts: [Activation] = [.identity, .tanh, .relu, .sigmoid, .leakyRelu(0.1), .softplus]
        // Pre-activations kept ≥ 0.07 from relu's kink: x > 0 and each column
        // of W of one sign, so no ±h perturbation crosses it.
        let x = input(4, 3, seed: 11, 0.2, 1)
        var w = input(3, 5, seed: 12, 0.2, 1)
        for i in w.values.indices where i % 5 % 2 == 1 { w.values[i].negate() }
        let b = input(1, 5, seed: 13, -0.05, 0.05)
        for act in acts {
            let tape = Tape()
            let xt = tape.constant(x.values, rows: 4, cols: 3), wt = tape.constant(w.values, rows: 3, cols: 5)
            let bt = tape.constant(b.values, rows: 1, cols: 5)
            assertClose(linear(xt, wt, bt, activation: act).values, (xt.matmul(wt) + bt).activated(act).values)
            assertClose(linear(xt, wt, nil, activation: act).values, xt.matmul(wt).activated(act).values)
            let report = GradientCheck.run(inputs: [x, w, b]) { _, v in project(linear(v[0], v[1], v[2], activation: act)) }
            XCTAssertTrue(report.passed, "\(act): \(report)")
            let noBias = GradientCheck.run(inputs: [x, w]) { _, v in project(linear(v[0], v[1], nil, activation: act)) }
            XCTAssertTrue(noBias.passed, "\(act) without bias: \(noBias)")
        }
    }
}
