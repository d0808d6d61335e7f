@testable import Autodiff
import Random
import XCTest

final class ParameterTests: XCTestCase {
    func testFlatViewsRoundTrip() throws {
        let params = ParameterSet()
        _ = MLP(sizes: [3, 4, 2], in: params, rng: RandomStream(seed: 1))
        XCTAssertEqual(params.count, 3 * 4 + 4 + 4 * 2 + 2)
        let genome = values(params.count, seed: 2)
        try params.setFlatValues(genome)
        XCTAssertEqual(params.flatValues(), genome)
        let grads = values(params.count, seed: 3)
        try params.setFlatGradients(grads)
        XCTAssertEqual(params.flatGradients(), grads)
        XCTAssertThrowsError(try params.setFlatValues([1, 2])) {
            XCTAssertEqual($0 as? ParameterError, .wrongLength(what: "flat parameter vector", got: 2, expected: 26))
            XCTAssertEqual("\($0)", "flat parameter vector has 2 values; the model has 26 parameters")
        }
        XCTAssertThrowsError(try params.setFlatGradients([]))

        let twin = ParameterSet()
        _ = MLP(sizes: [3, 4, 2], in: twin, rng: RandomStream(seed: 9))
        try twin.copyValues(from: params)
        XCTAssertEqual(twin.flatValues(), genome)
        let other = ParameterSet()
        _ = MLP(sizes: [3, 5, 2], in: other, rng: RandomStream(seed: 9))
        XCTAssertThrowsError(try other.copyValues(from: params))
    }

    func testFlatValuesDriveTheModel() throws {
        // ES perturbs the genome; the model must compute with the new values.
        let params = ParameterSet()
        let dense = Dense(2, 1, in: params, rng: RandomStream(seed: 1))
        try params.setFlatValues([2, 3, 0.5]) // W = [2; 3], b = 0.5
        let tape = Tape()
        XCTAssertEqual(dense(tape.constant([1, 1], rows: 1, cols: 2)).scalar, 5.5)
    }

    func testGlobalNormClipping() throws {
        let a = ParameterSet(), b = ParameterSet()
        _ = a.add("a", rows: 1, cols: 2, initializer: .zeros, rng: RandomStream(seed: 0))
        _ = b.add("b", rows: 1, cols: 1, initializer: .zeros, rng: RandomStream(seed: 0))
        try a.setFlatGradients([3, 4])
        XCTAssertEqual(a.gradientNorm(), 5)
        XCTAssertEqual(a.clipGradients(maxNorm: 10), 5)
        XCTAssertEqual(a.flatGradients(), [3, 4], "under the limit: unchanged")
        XCTAssertEqual(a.clipGradients(maxNorm: 1), 5, "returns the norm before clipping")
        assertClose(a.flatGradients(), [0.6, 0.8])
        XCTAssertEqual(a.gradientNorm(), 1, accuracy: 1e-6)
        try a.setFlatGradients([3, 4])
        try b.setFlatGradients([12])
        XCTAssertEqual(ParameterSet.clipGradients([a, b], maxNorm: 6.5), 13)
        assertClose(a.flatGradients() + b.flatGradients(), [1.5, 2, 6])
    }

    func testOrthogonalInitialisation() {
        for (rows, cols) in [(8, 3), (3, 8), (5, 5)] {
            let params = ParameterSet()
            let w = params.add("w", rows: rows, cols: cols, initializer: .orthogonal(gain: 2), rng: RandomStream(seed: 4))
            let v = params.values(of: w).map { Double($0) / 2 }
            // Tall: columns orthonormal (WᵀW = I); wide: rows (WWᵀ = I).
            let tall = rows >= cols
            let n = tall ? cols : rows
            for i in 0..<n {
                for j in 0..<n {
                    var dot = 0.0
                    for k in 0..<(tall ? rows : cols) {
                        dot += tall ? v[k * cols + i] * v[k * cols + j] : v[i * cols + k] * v[j * cols + k]
                    }
                    XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-5, "[\(rows), \(cols)] (\(i), \(j))")
                }
            }
        }
    }

    func testInitialisersAreSeededAndScaled() {
        func draw(_ i: Initializer, seed: UInt64 = 5) -> [Float] {
            let p = ParameterSet()
            return p.values(of: p.add("w", rows: 400, cols: 50, initializer: i, rng: RandomStream(seed: seed)))
        }
        XCTAssertEqual(draw(.orthogonal(gain: 1)), draw(.orthogonal(gain: 1)))
        XCTAssertNotEqual(draw(.gaussian(sigma: 1)), draw(.gaussian(sigma: 1), seed: 6))
        let g = draw(.scaledGaussian(gain: 2)).map(Double.init)
        let sd = (g.map { $0 * $0 }.reduce(0, +) / Double(g.count)).squareRoot()
        XCTAssertEqual(sd, 2 / 20, accuracy: 0.003, "σ = gain/√fanIn with fanIn 400")
        XCTAssertEqual(Set(draw(.constant(0.25))), [0.25])
        XCTAssertEqual(Set(draw(.zeros)), [0])
        let u = draw(.uniform(lower: -0.1, upper: 0.3))
        XCTAssertTrue(u.allSatisfy { $0 >= -0.1 && $0 < 0.3 })
    }
}
