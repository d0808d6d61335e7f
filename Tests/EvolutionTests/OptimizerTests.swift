import XCTest
@testable import Evolution

final class OptimizerTests: XCTestCase {
    func testAdamTwoStepsByHand() {
        let opt = MeanOptimizer.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
        var state = opt.initialState(dimension: 2)
        let d1 = opt.step([0.5, -2], learningRate: 0.1, state: &state)
        // Step 1: m = 0.1 g, v = 0.001 g², m̂ = g, v̂ = g² → Δ = α g/(|g| + ε) = ±α.
        XCTAssertEqual(d1[0], 0.1 * 0.5 / (0.5 + 1e-8), accuracy: 1e-7)
        XCTAssertEqual(d1[1], -0.1 * 2 / (2 + 1e-8), accuracy: 1e-7)
        let d2 = opt.step([1, 0], learningRate: 0.1, state: &state)
        // Step 2 for coordinate 0: m = 0.9·0.05 + 0.1·1 = 0.145; v = 0.999·0.00025 + 0.001·1 = 0.00124975
        // m̂ = 0.145/0.19 ; v̂ = 0.00124975/0.001999 ; Δ = 0.1 m̂/(√v̂ + ε)
        let mHat = 0.145 / (1 - 0.81), vHat = 0.00124975 / (1 - 0.998001)
        XCTAssertEqual(Double(d2[0]), 0.1 * mHat / (vHat.squareRoot() + 1e-8), accuracy: 1e-6)
        XCTAssertEqual(state.step, 2)
        XCTAssertEqual(Double(state.first[0]), 0.145, accuracy: 1e-7)
        XCTAssertEqual(Double(state.second[1]), 0.999 * 0.004, accuracy: 1e-7)
    }

    func testSGDMomentumIsAnExponentialAverage() {
        let opt = MeanOptimizer.sgd(momentum: 0.5)
        var state = opt.initialState(dimension: 1)
        XCTAssertEqual(opt.step([2], learningRate: 0.1, state: &state), [0.1]) // v = 0.5·2
        XCTAssertEqual(opt.step([2], learningRate: 0.1, state: &state)[0], 0.15, accuracy: 1e-7) // v = 0.5 + 1
        var plain = MeanOptimizer.sgd.initialState(dimension: 2)
        XCTAssertEqual(MeanOptimizer.sgd.step([3, -1], learningRate: 0.5, state: &plain), [1.5, -0.5])
    }

    func testClipUpNormalisesGradientAndCapsSpeed() {
        let opt = MeanOptimizer.clipUp(momentum: 0.9, maxSpeed: 0.15)
        var state = opt.initialState(dimension: 2)
        // Step 1: v = α g/‖g‖ with ‖g‖ = 5 → (0.06, 0.08), speed 0.1 < 0.15.
        let d1 = opt.step([300, 400], learningRate: 0.1, state: &state)
        XCTAssertEqual(d1[0], 0.06, accuracy: 1e-7)
        XCTAssertEqual(d1[1], 0.08, accuracy: 1e-7)
        // Step 2: v = 0.9 v + 0.1 ĝ = 0.19 ĝ, capped to 0.15.
        let d2 = opt.step([3, 4], learningRate: 0.1, state: &state)
        XCTAssertEqual(euclideanNorm(d2), 0.15, accuracy: 1e-6)
        XCTAssertEqual(Double(d2[0] / d2[1]), 0.75, accuracy: 1e-6)
        // A zero gradient only lets the velocity decay.
        let d3 = opt.step([0, 0], learningRate: 0.1, state: &state)
        XCTAssertEqual(euclideanNorm(d3), 0.9 * 0.15, accuracy: 1e-6)
        // Default v_max = 2α.
        var s = MeanOptimizer.clipUp.initialState(dimension: 1)
        for _ in 0..<50 { _ = MeanOptimizer.clipUp.step([1], learningRate: 0.01, state: &s) }
        XCTAssertEqual(Double(s.first[0]), 0.02, accuracy: 1e-7)
    }

    func testDecodesNamesAndKeyedForms() throws {
        func decode(_ json: String) throws -> MeanOptimizer {
            try JSONDecoder().decode(MeanOptimizer.self, from: Data(json.utf8))
        }
        XCTAssertEqual(try decode(#""adam""#), .adam)
        XCTAssertEqual(try decode(#""ClipUp""#), .clipUp)
        XCTAssertEqual(try decode(#"{"sgd": {"momentum": 0.9}}"#), .sgd(momentum: 0.9))
        XCTAssertEqual(try decode(#"{"clipup": {"max_speed": 0.3}}"#), .clipUp(momentum: 0.9, maxSpeed: 0.3))
        XCTAssertThrowsError(try decode(#""rmsprop""#)) { error in
            XCTAssertTrue("\(error)".contains("rmsprop"))
        }
        for o in [MeanOptimizer.adam, .sgd(momentum: 0.3), .clipUp(momentum: 0.8, maxSpeed: 1), .clipUp] {
            XCTAssertEqual(try decode(String(decoding: JSONEncoder().encode(o), as: UTF8.self)), o)
        }
    }
}
