@testable import Autodiff
import Random
import XCTest

final class LayerTests: XCTestCase {
    func testDenseGradients() {
        for act in [Activation.identity, .tanh, .sigmoid, .softplus] {
            let params = ParameterSet()
            let dense = Dense(3, 4, activation: act, biasInitializer: .gaussian(sigma: 0.5), in: params,
                              rng: RandomStream(seed: 1, path: ["dense"]))
            XCTAssertEqual(params.count, 3 * 4 + 4)
            XCTAssertEqual(params.entries.map(\.name), ["dense.weight", "dense.bias"])
            assertGradients([input(5, 3, seed: 41)], parameters: [params]) { _, v in project(dense(v[0])) }
        }
    }

    func testMLPGradientsAndShape() {
        let params = ParameterSet()
        let mlp = MLP(sizes: [4, 8, 6, 3], activation: .tanh, outputActivation: .identity,
                      in: params, rng: RandomStream(seed: 2, path: ["mlp"]))
        XCTAssertEqual(params.count, 4 * 8 + 8 + 8 * 6 + 6 + 6 * 3 + 3)
        XCTAssertEqual(mlp.inputs, 4)
        XCTAssertEqual(mlp.outputs, 3)
        assertGradients([input(5, 4, seed: 42)], parameters: [params]) { _, v in project(mlp(v[0])) }
    }

    func testConv1DLayerGradients() {
        let params = ParameterSet()
        let conv = Conv1D(inChannels: 3, outChannels: 4, kernel: 3, stride: 2, activation: .tanh,
                          in: params, rng: RandomStream(seed: 3, path: ["conv"]))
        XCTAssertEqual(conv.outputSteps(for: 9), 4)
        assertGradients([input(9, 3, seed: 43)], parameters: [params]) { _, v in
            let y = conv(v[0])
            XCTAssertEqual(y.rows, 4)
            return project(y)
        }
    }

    func testFrozenParametersGetNoGradientButStillCarryOne() {
        let frozen = ParameterSet(trainable: false)
        let rng = RandomStream(seed: 4)
        let head = Dense(3, 2, activation: .tanh, in: frozen, rng: rng)
        // Gradient still flows *through* the frozen layer into the input.
        assertGradients([input(4, 3, seed: 44)], parameters: [frozen]) { _, v in project(head(v[0])) }
        let tape = Tape()
        tape.backward(head(tape.variable(values(6, seed: 1), rows: 2, cols: 3)).sum())
        XCTAssertEqual(frozen.flatGradients(), [Float](repeating: 0, count: frozen.count))
    }

    func testSameSeedSameModel() {
        func build() -> [Float] {
            let p = ParameterSet()
            _ = MLP(sizes: [3, 5, 2], in: p, rng: RandomStream(seed: 9, path: ["init"]))
            return p.flatValues()
        }
        XCTAssertEqual(build(), build())
    }
}
