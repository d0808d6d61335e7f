@testable import Autodiff
import Random
import XCTest

/// Deterministic test values uniform in [lower, upper), pushed at least
/// `avoiding` away from each point in `kinks` (so finite differences never
/// straddle a kink of relu, abs, clamp, min or max).
func values(_ n: Int, seed: UInt64, _ lower: Float = -1, _ upper: Float = 1,
            avoiding kinks: [Float] = [], by margin: Float = 0.05) -> [Float] {
    let rng = RandomStream(seed: seed, path: ["autodiff-tests"])
    return (0..<n).map { _ in
        var v = Float(rng.uniform(Double(lower), Double(upper)))
        for k in kinks where Swift.abs(v - k) < margin { v = v < k ? k - margin - 0.01 : k + margin + 0.01 }
        return v
    }
}

/// Σ t ⊙ R for a fixed random R in ±[0.5, 1.5]: a scalar in which every
/// element of `t` carries its own weight, so every partial is tested.
func project(_ t: Tensor, seed: UInt64 = 99) -> Tensor {
    let r = values(t.count, seed: seed, -1.5, 1.5, avoiding: [0], by: 0.5)
    return (t * t.tape.constant(r, rows: t.rows, cols: t.cols)).sum()
}

/// A gradient-check input of the given shape.
func input(_ rows: Int, _ cols: Int, seed: UInt64, _ lower: Float = -1, _ upper: Float = 1,
           avoiding kinks: [Float] = []) -> GradientCheck.Input {
    GradientCheck.Input(values(rows * cols, seed: seed, lower, upper, avoiding: kinks), rows: rows, cols: cols)
}

/// Asserts that backward agrees with central differences.
func assertGradients(_ inputs: [GradientCheck.Input], parameters: [ParameterSet] = [],
                     step: Float = 1e-2, file: StaticString = #filePath, line: UInt = #line,
                     _ loss: (Tape, [Tensor]) -> Tensor) {
    let report = GradientCheck.run(inputs: inputs, parameters: parameters, step: step, loss: loss)
    XCTAssertTrue(report.passed, report.description, file: file, line: line)
    let expected = inputs.reduce(0) { $0 + $1.values.count } + parameters.filter(\.trainable).reduce(0) { $0 + $1.count }
    XCTAssertEqual(report.checked, expected, "every partial is compared", file: file, line: line)
}

/// Asserts two float arrays agree elementwise within `tolerance`.
func assertClose(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "lengths", file: file, line: line)
    for (i, (x, y)) in zip(a, b).enumerated() where !(Swift.abs(x - y) <= tolerance * Swift.max(1, Swift.abs(y))) {
        XCTFail("element \(i): \(x) vs \(y)", file: file, line: line)
        return
    }
}
