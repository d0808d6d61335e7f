import Autodiff
import Random
import XCTest

/// The example in `Tape`'s documentation, verbatim, so it keeps compiling
/// and keeps working (plain `import`: only the public API).
final class DocExampleTests: XCTestCase {
    func testTheDocumentedTrainingLoopLearns() {
        let steps = 200
        let observations: [Float] = (0..<(64 * 8)).map { i in
            let k = (i * 37) % 17
            return Float(k) / 8 - 1
        }
        var targets: [Float] = []
        for i in 0..<64 {
            let row = Array(observations[(i * 8)..<(i * 8 + 8)])
            targets.append(row.reduce(0, +) / 8)
            targets.append(row[0] * row[7])
        }
        var first: Float?, last: Float = 0

        let rng = RandomStream(seed: 7, path: ["init", 0])
        let params = ParameterSet()
        let mlp = MLP(sizes: [8, 64, 64, 2], activation: .tanh, in: params, rng: rng)
        let adam = Adam(for: params, learningRate: 3e-4)
        let tape = Tape()

        for _ in 0..<steps {
            tape.reset()                                   // keeps its memory
            let x = tape.constant(observations, rows: 64, cols: 8)
            let y = tape.constant(targets, rows: 64, cols: 2)
            let loss = (mlp(x) - y).squared().mean()       // forward
            tape.backward(loss)                            // params.gradients = ∂loss/∂θ
            params.clipGradients(maxNorm: 0.5)             // optional, returns the norm
            adam.step()                                    // θ ← Adam(θ, ∂loss/∂θ)
            first = first ?? loss.scalar
            last = loss.scalar
        }
        XCTAssertLessThan(last, first! * 0.5)
    }
}
