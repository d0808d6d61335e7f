import Environments
import Foundation
import Random
import XCTest

/// The cart-pole's own sin/cos and its four-lane stepping.
final class CartPoleLanesTests: XCTestCase {
    /// Distance in units in the last place between two doubles of the same sign.
    private func ulps(_ a: Double, _ b: Double) -> UInt64 {
        let x = a.bitPattern, y = b.bitPattern
        return x > y ? x - y : y - x
    }

    func testPolynomialsAreWithinOneUlpOfLibm() {
        let rng = RandomStream(seed: 1, path: ["trig"])
        var values: [Double] = [0, -0.0, 1e-300, 1e-9, -1e-9, 0.01, 0.2094, -0.2094, 0.25, -0.25]
        for _ in 0..<100_000 { values.append(rng.uniform(-0.25, 0.25)) }
        var worstSin: UInt64 = 0, worstCos: UInt64 = 0, equal = 0
        for v in values {
            worstSin = max(worstSin, ulps(CartPoleTrig.sinPolynomial(v), Foundation.sin(v)))
            worstCos = max(worstCos, ulps(CartPoleTrig.cosPolynomial(v), Foundation.cos(v)))
            if CartPoleTrig.sin(v) == Foundation.sin(v) && CartPoleTrig.cos(v) == Foundation.cos(v) { equal += 1 }
        }
        XCTAssertLessThanOrEqual(worstSin, 1)
        XCTAssertLessThanOrEqual(worstCos, 1)
        XCTAssertGreaterThan(Double(equal) / Double(values.count), 0.9, "almost always the correctly rounded value")
        // Outside the bound: libm itself.
        for v in [0.2500001, -0.3, 1.0, 3.0, -100.0] {
            XCTAssertEqual(CartPoleTrig.sin(v), Foundation.sin(v))
            XCTAssertEqual(CartPoleTrig.cos(v), Foundation.cos(v))
        }
        XCTAssertTrue(CartPoleTrig.sin(.nan).isNaN && CartPoleTrig.cos(.infinity).isNaN)
    }

    func testLaneTrigEqualsScalarTrigBitForBit() {
        let rng = RandomStream(seed: 2, path: ["trig", "lanes"])
        for _ in 0..<5_000 {
            // Mostly inside the polynomial's range, sometimes outside (libm per lane).
            let v = SIMD4((0..<4).map { _ in rng.uniform() < 0.9 ? rng.uniform(-0.25, 0.25) : rng.uniform(-4, 4) })
            let (c, s) = CartPoleTrig.cosSin(v)
            for k in 0..<4 {
                XCTAssertEqual(c[k].bitPattern, CartPoleTrig.cos(v[k]).bitPattern)
                XCTAssertEqual(s[k].bitPattern, CartPoleTrig.sin(v[k]).bitPattern)
            }
        }
    }

    func testLanesFollowCartPoleStepBitForBit() {
        let rng = RandomStream(seed: 3, path: ["lanes"])
        // Different physics per lane (as a task family would sample them).
        var parameters = [CartPoleTask](repeating: .gymnasium, count: 4)
        parameters[1].poleHalfLength = 0.8
        parameters[2].forceMagnitude = 6
        parameters[3].cartMass = 1.7
        var poles = parameters.map { CartPole(parameters: $0) }
        var observation = [Float](repeating: 0, count: 4)
        for k in 0..<4 {
            observation.withUnsafeMutableBufferPointer { poles[k].reset(stream: rng, into: $0) }
        }
        var lanes = CartPoleLanes(poles)
        var active = SIMDMask<SIMD4<Int64>>(repeating: true)
        for step in 0..<300 {
            var right = SIMDMask<SIMD4<Int64>>(repeating: false)
            for k in 0..<4 { right[k] = rng.uniform() < 0.5 }
            lanes.integrate(right: right, active: active)
            for k in 0..<4 where active[k] {
                let outcome = observation.withUnsafeMutableBufferPointer {
                    poles[k].step(.discrete(right[k] ? 1 : 0), into: $0)
                }
                XCTAssertEqual([lanes.x[k], lanes.xDot[k], lanes.theta[k], lanes.thetaDot[k]].map(\.bitPattern),
                               poles[k].physicalState.map(\.bitPattern), "lane \(k) step \(step)")
                XCTAssertEqual(lanes.terminal[k], outcome.terminated, "lane \(k) step \(step)")
                if outcome.terminated { active[k] = false }
            }
            if !any(active) { break }
        }
        XCTAssertFalse(any(active), "random pushes topple every pole within 300 steps")
    }
}
