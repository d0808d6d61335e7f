@testable import Autodiff
import Foundation
import Random
import XCTest

final class OptimizerTests: XCTestCase {
    private func makeSet(_ v: [Float]) -> ParameterSet {
        let p = ParameterSet()
        _ = p.add("w", rows: 1, cols: v.count, initializer: .zeros, rng: RandomStream(seed: 0))
        try! p.setFlatValues(v)
        return p
    }

    func testAdamMatchesTheBiasCorrectedFormula() throws {
        let start: [Float] = [0.5, -1, 2]
        let p = makeSet(start)
        let adam = Adam(for: p, learningRate: 0.1, beta1: 0.8, beta2: 0.9, epsilon: 1e-3)
        var theta = start.map(Double.init), m = [0.0, 0, 0], v = [0.0, 0, 0]
        for t in 1...5 {
            let g = theta.map { 2 * $0 + 0.1 * Double(t) }
            try p.setFlatGradients(g.map(Float.init))
            adam.step()
            for i in 0..<3 {
                m[i] = 0.8 * m[i] + 0.2 * g[i]
                v[i] = 0.9 * v[i] + 0.1 * g[i] * g[i]
                let mh = m[i] / (1 - pow(0.8, Double(t))), vh = v[i] / (1 - pow(0.9, Double(t)))
                theta[i] -= 0.1 * mh / (vh.squareRoot() + 1e-3)
            }
            assertClose(p.flatValues(), theta.map(Float.init), tolerance: 1e-5)
        }
        XCTAssertEqual(adam.stepCount, 5)
    }

    func testSGDMomentumAndNesterov() throws {
        for nesterov in [false, true] {
            let p = makeSet([1, -2])
            let sgd = SGD(for: p, learningRate: 0.1, momentum: 0.9, nesterov: nesterov)
            var theta = [1.0, -2], u = [0.0, 0]
            for _ in 0..<4 {
                let g = theta.map { 3 * $0 }
                try p.setFlatGradients(g.map(Float.init))
                sgd.step()
                for i in 0..<2 {
                    u[i] = 0.9 * u[i] + g[i]
                    theta[i] -= 0.1 * (nesterov ? g[i] + 0.9 * u[i] : u[i])
                }
            }
            assertClose(p.flatValues(), theta.map(Float.init), tolerance: 1e-5)
        }
        let plain = makeSet([1])
        let sgd = SGD(for: plain, learningRate: 0.5)
        try plain.setFlatGradients([2])
        sgd.step()
        XCTAssertEqual(plain.flatValues(), [0])
    }

    /// Trains a small regression; returns (model values, optimizer).
    private func train<R>(_ make: (ParameterSet) -> Optimizer<R>, steps: Int, resumeAt: Int? = nil,
                          via codec: (OptimizerState) throws -> OptimizerState = { $0 }) throws -> [Float] {
        let rng = RandomStream(seed: 3, path: ["opt"])
        var params = ParameterSet()
        var mlp = MLP(sizes: [2, 8, 1], in: params, rng: rng)
        var opt = make(params)
        let tape = Tape()
        let x = values(16, seed: 4), y = values(8, seed: 5)
        for step in 0..<steps {
            if step == resumeAt {
                // A new process: fresh objects, state restored from the snapshot.
                let saved = try codec(opt.state), weights = params.flatValues()
                params = ParameterSet()
                mlp = MLP(sizes: [2, 8, 1], in: params, rng: RandomStream(seed: 99))
                try params.setFlatValues(weights)
                opt = make(params)
                try opt.restore(saved)
            }
            tape.reset()
            let loss = (mlp(tape.constant(x, rows: 8, cols: 2)) - tape.constant(y, rows: 8, cols: 1)).squared().mean()
            tape.backward(loss)
            opt.step()
        }
        return params.flatValues()
    }

    func testStateRoundTripsAndTrainingContinuesIdentically() throws {
        let adam = { (p: ParameterSet) in Adam(for: p, learningRate: 0.01) }
        let sgd = { (p: ParameterSet) in SGD(for: p, learningRate: 0.05, momentum: 0.9) }
        let straight = try train(adam, steps: 20)
        XCTAssertEqual(try train(adam, steps: 20, resumeAt: 7) { try OptimizerState(bytes: $0.bytes) }, straight)
        XCTAssertEqual(try train(adam, steps: 20, resumeAt: 7) {
            try JSONDecoder().decode(OptimizerState.self, from: JSONEncoder().encode($0))
        }, straight)
        XCTAssertEqual(try train(sgd, steps: 20, resumeAt: 11) { try OptimizerState(bytes: $0.bytes) },
                       try train(sgd, steps: 20))
        XCTAssertNotEqual(try train(adam, steps: 20, resumeAt: 7) { OptimizerState(rule: $0.rule, step: 0, slots: $0.slots) },
                          straight, "the step counter is part of the state")
    }

    func testTrainingReducesTheLoss() {
        let params = ParameterSet()
        let mlp = MLP(sizes: [1, 16, 1], in: params, rng: RandomStream(seed: 6))
        let adam = Adam(for: params, learningRate: 0.01)
        let tape = Tape()
        let x = values(32, seed: 7, -2, 2), y = x.map { Foundation.sin($0) }
        var losses: [Float] = []
        for _ in 0..<300 {
            tape.reset()
            let loss = (mlp(tape.constant(x, rows: 32, cols: 1)) - tape.constant(y, rows: 32, cols: 1)).squared().mean()
            tape.backward(loss)
            adam.step()
            losses.append(loss.scalar)
        }
        XCTAssertLessThan(losses.last!, losses.first! * 0.05)
    }

    func testMalformedStateIsRefusedWithAReason() throws {
        let adam = Adam(for: makeSet([1, 2]))
        let good = adam.state.bytes
        XCTAssertThrowsError(try OptimizerState(bytes: Array(good.dropLast()))) {
            XCTAssertEqual($0 as? OptimizerStateError, .truncated)
        }
        XCTAssertThrowsError(try OptimizerState(bytes: good + [0])) {
            XCTAssertEqual($0 as? OptimizerStateError, .trailingBytes(1))
        }
        XCTAssertThrowsError(try OptimizerState(bytes: [0, 1, 2, 3, 1])) {
            XCTAssertEqual($0 as? OptimizerStateError, .badMagic)
        }
        XCTAssertThrowsError(try SGD(for: makeSet([1, 2])).restore(adam.state)) {
            XCTAssertEqual($0 as? OptimizerStateError, .wrongRule(got: "adam", expected: "sgd"))
        }
        XCTAssertThrowsError(try Adam(for: makeSet([1, 2, 3])).restore(adam.state)) {
            XCTAssertEqual("\($0)", "optimizer state holds 4 slot values; this model needs 6")
        }
    }

    /// Found by `make fuzz` (target `section`): a slot count or step beyond
    /// Int.max trapped converting to Int; now the count is refused as
    /// truncated and the step as negative when restored.
    func testCountsBeyondIntMaxAreRefusedNotTrapped() throws {
        let good = Adam(for: makeSet([1, 2])).state.bytes
        let name = 4 + 1 + 2 + "adam".utf8.count
        var huge = good
        for k in 0..<8 { huge[name + 8 + k] = 0xFF }
        XCTAssertThrowsError(try OptimizerState(bytes: huge)) { XCTAssertEqual($0 as? OptimizerStateError, .truncated) }
        var step = good
        for k in 0..<8 { step[name + k] = 0xFF }
        let state = try OptimizerState(bytes: step)
        XCTAssertThrowsError(try Adam(for: makeSet([1, 2])).restore(state))
    }
}
