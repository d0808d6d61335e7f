@testable import Autodiff
import Foundation
import XCTest

/// The vectorisable exp/log/tanh/sigmoid/softplus against Double libm.
final class FastMathTests: XCTestCase {
    private func sweep(_ lo: Float, _ hi: Float, _ n: Int = 200_001) -> [Float] {
        (0..<n).map { lo + (hi - lo) * Float($0) / Float(n - 1) }
    }

    private func maxRelativeError(_ xs: [Float], _ f: (Float) -> Float, _ g: (Double) -> Double) -> Double {
        var worst = 0.0
        for x in xs {
            let exact = g(Double(x))
            let err = Swift.abs(Double(f(x)) - exact) / Swift.max(Swift.abs(exact), 1e-30)
            worst = Swift.max(worst, err)
        }
        return worst
    }

    func testExpIsAccurateToAFewUlp() {
        XCTAssertLessThan(maxRelativeError(sweep(-87, 88), fastExp, Foundation.exp), 4e-7)
        XCTAssertEqual(fastExp(0), 1)
        XCTAssertTrue(fastExp(.nan).isNaN)
        XCTAssertEqual(fastExp(-1000), fastExp(-87.33654), "saturates at the smallest normal")
    }

    func testLogIsAccurateToAFewUlp() {
        XCTAssertLessThan(maxRelativeError(sweep(1e-6, 10), fastLog, Foundation.log), 4e-7)
        XCTAssertLessThan(maxRelativeError(sweep(10, 1e30, 10_001), fastLog, Foundation.log), 4e-7)
        XCTAssertEqual(fastLog(1), 0)
        XCTAssertEqual(fastLog(0), -.infinity)
        XCTAssertTrue(fastLog(-1).isNaN)
        XCTAssertEqual(fastLog(.infinity), .infinity)
        XCTAssertEqual(Double(fastLog(Float.leastNormalMagnitude / 1024)), Foundation.log(Double(Float.leastNormalMagnitude / 1024)), accuracy: 1e-5, "subnormals")
    }

    func testTanhIsAccurate() {
        let xs = sweep(-12, 12)
        var worstAbs = 0.0
        for x in xs { worstAbs = Swift.max(worstAbs, Swift.abs(Double(fastTanh(x)) - Foundation.tanh(Double(x)))) }
        XCTAssertLessThan(worstAbs, 4e-7)
        XCTAssertLessThan(maxRelativeError(sweep(-0.5, 0.5), fastTanh, Foundation.tanh), 1e-6)
        XCTAssertTrue(fastTanh(.nan).isNaN)
    }

    func testSigmoidAndSoftplusKeepTheirTails() {
        XCTAssertLessThan(maxRelativeError(sweep(-80, 30), fastSigmoid) { 1 / (1 + Foundation.exp(-$0)) }, 1e-6)
        XCTAssertLessThan(maxRelativeError(sweep(-80, 80), fastSoftplus) { Foundation.log1p(Foundation.exp($0)) }, 1e-6)
    }
}
