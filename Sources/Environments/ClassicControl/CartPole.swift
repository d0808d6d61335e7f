import Foundation
import Random

/// Gymnasium's CartPole-v1, step for step: a pole hinged on a cart that is
/// pushed left (action 0) or right (action 1) with force ±|F|.
///
/// Dynamics (Florian 2007's correction of Barto et al. 1983), explicit Euler
/// with step τ, all in float64 as Gymnasium computes them:
///
///     temp  = (F + m_p l θ̇² sin θ) / (m_p + m_c)
///     θ̈    = (g sin θ − cos θ · temp) / (l (4/3 − m_p cos²θ / (m_p + m_c)))
///     ẍ    = temp − m_p l θ̈ cos θ / (m_p + m_c)
///     x ← x + τẋ,  ẋ ← ẋ + τẍ,  θ ← θ + τθ̇,  θ̇ ← θ̇ + τθ̈
///
/// Observation `(x, ẋ, θ, θ̇)` cast to `float32`. Reward +1 on every step,
/// the terminating one included; 0 on steps taken after termination without a
/// reset (Gymnasium's `steps_beyond_terminated`). Terminates when |x| > 2.4 or
/// |θ| > 12° (2π·12/360 rad); truncated at 500 steps. Reset draws each state
/// component from U(−0.05, 0.05).
public struct CartPole: Environment {
    public var parameters: CartPoleTask
    /// (x, ẋ, θ, θ̇).
    public var x = 0.0, xDot = 0.0, theta = 0.0, thetaDot = 0.0
    public private(set) var elapsedSteps = 0
    public let maxEpisodeSteps: Int
    var terminatedBefore = false

    /// Episode ends when |x| exceeds this (m).
    public static let xThreshold = 2.4
    /// Episode ends when |θ| exceeds 12° (rad), computed as Gymnasium does.
    public static let thetaThreshold = 12 * 2 * Double.pi / 360

    public init(parameters: CartPoleTask = .gymnasium, maxEpisodeSteps: Int = 500) {
        self.parameters = parameters
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    public static let observationSpace = Space.box(
        low: [-Float(xThreshold * 2), -.infinity, -Float(thetaThreshold * 2), -.infinity],
        high: [Float(xThreshold * 2), .infinity, Float(thetaThreshold * 2), .infinity])

    public var observationSpace: Space { Self.observationSpace }
    public var actionSpace: Space { .discrete(2) }
    public var stateNames: [String] { ["x", "x_dot", "theta", "theta_dot"] }
    public var physicalState: [Double] { [x, xDot, theta, thetaDot] }

    public mutating func setPhysicalState(_ s: [Double]) throws {
        try validatePhysicalState(s)
        (x, xDot, theta, thetaDot) = (s[0], s[1], s[2], s[3])
    }

    public mutating func reset(stream: RandomStream, into observation: UnsafeMutableBufferPointer<Float>) {
        x = stream.uniform(-0.05, 0.05)
        xDot = stream.uniform(-0.05, 0.05)
        theta = stream.uniform(-0.05, 0.05)
        thetaDot = stream.uniform(-0.05, 0.05)
        elapsedSteps = 0
        terminatedBefore = false
        observe(into: observation)
    }

    public func observe(into o: UnsafeMutableBufferPointer<Float>) {
        o[0] = Float(x); o[1] = Float(xDot); o[2] = Float(theta); o[3] = Float(thetaDot)
    }

    public mutating func step(_ action: Action, into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome {
        let a = action.index
        precondition(a == 0 || a == 1, "CartPole takes action 0 or 1, got \(a)")
        Self.integrate(&x, &xDot, &theta, &thetaDot, push: a == 1, parameters)
        elapsedSteps += 1
        let terminated = Self.isTerminal(x: x, theta: theta)
        // Gymnasium: +1 up to and including the terminating step, 0 after it.
        let reward: Double = terminated && terminatedBefore ? 0 : 1
        terminatedBefore = terminatedBefore || terminated
        observe(into: observation)
        return StepOutcome(reward: reward, terminated: terminated, truncated: elapsedSteps >= maxEpisodeSteps)
    }

    /// One Euler step of the cart-pole ODE, in Gymnasium's operation order
    /// (sin θ and cos θ from `CartPoleTrig`).
    @inlinable @inline(__always)
    public static func integrate(_ x: inout Double, _ xDot: inout Double, _ theta: inout Double,
                                 _ thetaDot: inout Double, push right: Bool, _ p: CartPoleTask) {
        integrate(&x, &xDot, &theta, &thetaDot, push: right, cosTheta: CartPoleTrig.cos(theta),
                  sinTheta: CartPoleTrig.sin(theta), p)
    }

    /// The Euler step given cos θ and sin θ (computed by the caller, e.g. in a
    /// separate pass over a batch).
    @inlinable @inline(__always)
    public static func integrate(_ x: inout Double, _ xDot: inout Double, _ theta: inout Double,
                                 _ thetaDot: inout Double, push right: Bool,
                                 cosTheta: Double, sinTheta: Double, _ p: CartPoleTask) {
        let force = right ? p.forceMagnitude : -p.forceMagnitude
        let totalMass = p.totalMass, pml = p.poleMassLength
        let temp = (force + pml * (thetaDot * thetaDot) * sinTheta) / totalMass
        let thetaAcc = (p.gravity * sinTheta - cosTheta * temp)
            / (p.poleHalfLength * (4.0 / 3.0 - p.poleMass * (cosTheta * cosTheta) / totalMass))
        let xAcc = temp - pml * thetaAcc * cosTheta / totalMass
        x = x + p.tau * xDot
        xDot = xDot + p.tau * xAcc
        theta = theta + p.tau * thetaDot
        thetaDot = thetaDot + p.tau * thetaAcc
    }

    @inlinable @inline(__always)
    public static func isTerminal(x: Double, theta: Double) -> Bool {
        x < -xThreshold || x > xThreshold || theta < -thetaThreshold || theta > thetaThreshold
    }
}
