@testable import Autodiff
import XCTest

final class Conv1DTests: XCTestCase {
    /// out[t, o] = b[o] + Σ_j Σ_c x[t·s + j, c] · W[j·Cin + c, o], written out.
    private func naive(_ x: [Float], t: Int, cin: Int, _ w: [Float], cout: Int, _ b: [Float]?,
                       k: Int, s: Int) -> [Float] {
        let steps = (t - k) / s + 1
        var out = [Float](repeating: 0, count: steps * cout)
        for i in 0..<steps {
            for o in 0..<cout {
                var acc = b?[o] ?? 0
                for j in 0..<k { for c in 0..<cin { acc += x[(i * s + j) * cin + c] * w[(j * cin + c) * cout + o] } }
                out[i * cout + o] = acc
            }
        }
        return out
    }

    let configs: [(t: Int, cin: Int, cout: Int, k: Int, s: Int)] = [
        (8, 3, 2, 3, 1), (9, 2, 4, 4, 2), (10, 3, 2, 2, 3), (5, 1, 1, 5, 1), (12, 4, 3, 1, 1),
    ]

    func testForwardMatchesTheDefinition() {
        let tape = Tape()
        for (n, c) in configs.enumerated() {
            let x = values(c.t * c.cin, seed: UInt64(n)), w = values(c.k * c.cin * c.cout, seed: UInt64(50 + n))
            let b = values(c.cout, seed: UInt64(90 + n))
            let out = conv1d(tape.constant(x, rows: c.t, cols: c.cin), tape.constant(w, rows: c.k * c.cin, cols: c.cout),
                             tape.constant(b, rows: 1, cols: c.cout), kernel: c.k, stride: c.s)
            XCTAssertEqual(out.rows, (c.t - c.k) / c.s + 1)
            XCTAssertEqual(out.cols, c.cout)
            assertClose(out.values, naive(x, t: c.t, cin: c.cin, w, cout: c.cout, b, k: c.k, s: c.s))
        }
    }

    func testGradients() {
        for (n, c) in configs.enumerated() {
            let x = input(c.t, c.cin, seed: UInt64(n)), w = input(c.k * c.cin, c.cout, seed: UInt64(50 + n))
            let b = input(1, c.cout, seed: UInt64(90 + n))
            let report = GradientCheck.run(inputs: [x, w, b]) { _, v in
                project(conv1d(v[0], v[1], v[2], kernel: c.k, stride: c.s).tanh())
            }
            XCTAssertTrue(report.passed, "\(c): \(report)")
            let noBias = GradientCheck.run(inputs: [x, w]) { _, v in
                project(conv1d(v[0], v[1], nil, kernel: c.k, stride: c.s))
            }
            XCTAssertTrue(noBias.passed, "\(c) without bias: \(noBias)")
        }
    }
}
