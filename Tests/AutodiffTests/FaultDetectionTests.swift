@testable import Autodiff
import Random
import XCTest

/// The finite-difference check must be able to fail: with a deliberately
/// wrong pullback switched on, the same checks that pass elsewhere report it.
final class FaultDetectionTests: XCTestCase {
    private func mlpCheck(fault: PullbackFault?) -> GradientCheck.Report {
        let params = ParameterSet()
        let mlp = MLP(sizes: [4, 4, 4, 2], activation: .tanh, in: params, rng: RandomStream(seed: 1, path: ["fault"]))
        let tape = Tape()
        tape.fault = fault
        return GradientCheck.run(inputs: [input(3, 4, seed: 2)], parameters: [params], tape: tape) { _, v in
            project(mlp(v[0]))
        }
    }

    func testCorrectPullbacksPass() {
        XCTAssertTrue(mlpCheck(fault: nil).passed)
    }

    func testDoubledGradientIsCaught() {
        let report = mlpCheck(fault: .scaleUpstream(.linear, 2))
        XCTAssertFalse(report.passed)
        XCTAssertGreaterThan(report.failures.count, 10)
    }

    func testDroppedFactorInAnElementwiseOpIsCaught() {
        let tape = Tape()
        tape.fault = .scaleUpstream(.unary, 0.5) // like d(x²) = x instead of 2x
        let report = GradientCheck.run(inputs: [input(2, 3, seed: 3)], tape: tape) { _, v in project(v[0].squared()) }
        XCTAssertFalse(report.passed)
        XCTAssertEqual(report.failures.count, 6)
    }

    func testTransposedMatmulGradientIsCaught() {
        let check = { (fault: PullbackFault?) -> GradientCheck.Report in
            let tape = Tape()
            tape.fault = fault
            return GradientCheck.run(inputs: [input(3, 4, seed: 4), input(4, 4, seed: 5)], tape: tape) { _, v in
                project(v[0].matmul(v[1]))
            }
        }
        XCTAssertTrue(check(nil).passed)
        let faulty = check(.transposeMatmulRightGradient)
        XCTAssertFalse(faulty.passed)
        XCTAssertTrue(faulty.failures.allSatisfy { $0.hasPrefix("input 1") }, "only B's gradient is wrong: \(faulty)")
    }
}
