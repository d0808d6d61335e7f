@testable import Autodiff
import Dispatch
import Foundation
import Random
import XCTest

/// Independent agents train in parallel with no shared mutable state, and
/// the result does not depend on threads or scheduling.
final class ConcurrencyTests: XCTestCase {
    /// Builds and trains agent `index` from nothing but its index.
    private static func trainAgent(_ index: Int) -> [Float] {
        let rng = RandomStream(seed: 2024, path: ["agent", StreamPathComponent(index)])
        let params = ParameterSet()
        let policy = MLP(sizes: [4, 32, 32, 3], activation: .tanh, in: params, rng: rng)
        let adam = Adam(for: params, learningRate: 3e-3)
        let tape = Tape()
        var obs = [Float](repeating: 0, count: 16 * 4)
        var advantages = [Float](repeating: 0, count: 16)
        for _ in 0..<60 {
            rng.fill(gaussian: &obs)
            rng.fill(gaussian: &advantages)
            let actions = (0..<16).map { _ in rng.integer(below: 3) }
            tape.reset()
            let dist = Categorical(logits: policy(tape.constant(obs, rows: 16, cols: 4)))
            let loss = -(dist.logProb(actions) * tape.constant(advantages, rows: 16, cols: 1)).mean()
                - 0.01 * dist.entropy().mean()
            tape.backward(loss)
            params.clipGradients(maxNorm: 0.5)
            adam.step()
        }
        return params.flatValues()
    }

    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Int: [Float]] = [:]
        func set(_ i: Int, _ v: [Float]) { lock.lock(); items[i] = v; lock.unlock() }
        func get(_ i: Int) -> [Float]? { lock.lock(); defer { lock.unlock() }; return items[i] }
    }

    func testConcurrentTrainingIsBitwiseEqualToSequential() {
        let n = 8
        let sequential = (0..<n).map(Self.trainAgent)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: n) { i in
            results.set(i, Self.trainAgent(i))
        }
        for i in 0..<n {
            let concurrent = results.get(i)
            XCTAssertEqual(concurrent?.map(\.bitPattern), sequential[i].map(\.bitPattern), "agent \(i)")
        }
        XCTAssertNotEqual(sequential[0], sequential[1], "agents differ from each other")
    }
}
