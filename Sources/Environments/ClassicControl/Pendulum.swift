import Foundation
import Random

/// Gymnasium's Pendulum-v1: swing a pendulum up and hold it with torque
/// u ∈ [−2, 2] (clipped).
///
///     cost = normalize(θ)² + 0.1·θ̇² + 0.001·u²
///     θ̇ ← clip(θ̇ + (3g/(2l)·sin θ + 3/(m l²)·u)·dt, −8, 8);  θ ← θ + θ̇·dt
///
/// Reward −cost, never terminates, truncated at 200 steps. Observation
/// (cos θ, sin θ, θ̇) as float32. State in float64; the two terms with u are
/// rounded to float32 first, as NumPy 2 computes them from a float32 action.
/// Reset: θ ~ U(−π, π), θ̇ ~ U(−1, 1).
public struct Pendulum: Environment {
    public var parameters: PendulumTask
    /// (θ, θ̇).
    public var theta = 0.0, thetaDot = 0.0
    public private(set) var elapsedSteps = 0
    public let maxEpisodeSteps: Int

    public init(parameters: PendulumTask = .gymnasium, maxEpisodeSteps: Int = 200) {
        self.parameters = parameters
        self.maxEpisodeSteps = maxEpisodeSteps
        observationSpace = .box(low: [-1, -1, -Float(parameters.maxSpeed)], high: [1, 1, Float(parameters.maxSpeed)])
        actionSpace = .box(dimension: 1, low: -Float(parameters.maxTorque), high: Float(parameters.maxTorque))
    }

    public let observationSpace: Space
    public let actionSpace: Space
    public var stateNames: [String] { ["theta", "theta_dot"] }
    public var physicalState: [Double] { [theta, thetaDot] }

    public mutating func setPhysicalState(_ s: [Double]) throws {
        try validatePhysicalState(s)
        (theta, thetaDot) = (s[0], s[1])
    }

    public mutating func reset(stream: RandomStream, into observation: UnsafeMutableBufferPointer<Float>) {
        theta = stream.uniform(-Double.pi, Double.pi)
        thetaDot = stream.uniform(-1, 1)
        elapsedSteps = 0
        observe(into: observation)
    }

    public func observe(into o: UnsafeMutableBufferPointer<Float>) {
        o[0] = Float(cos(theta)); o[1] = Float(sin(theta)); o[2] = Float(thetaDot)
    }

    public mutating func step(_ action: Action, into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome {
        let v = action.vector
        precondition(v.count == 1, "Pendulum takes a 1-component action, got \(v.count)")
        let p = parameters
        let maxTorque = Float(p.maxTorque)
        let u = min(max(v[0], -maxTorque), maxTorque)
        let an = Self.angleNormalize(theta)
        let costs = an * an + 0.1 * (thetaDot * thetaDot) + Double(Float(0.001) * (u * u))
        let gravityTerm = 3 * p.gravity / (2 * p.length) * sin(theta)
        let torqueTerm = Double(Float(3.0 / (p.mass * (p.length * p.length))) * u)
        var newThetaDot = thetaDot + (gravityTerm + torqueTerm) * p.dt
        newThetaDot = min(max(newThetaDot, -p.maxSpeed), p.maxSpeed)
        theta = theta + newThetaDot * p.dt
        thetaDot = newThetaDot
        elapsedSteps += 1
        observe(into: observation)
        return StepOutcome(reward: -costs, terminated: false, truncated: elapsedSteps >= maxEpisodeSteps)
    }

    /// ((x + π) mod 2π) − π with NumPy's floored `%` (result takes the divisor's sign).
    static func angleNormalize(_ x: Double) -> Double {
        let b = 2 * Double.pi
        var m = fmod(x + Double.pi, b)
        if m != 0 {
            if (b < 0) != (m < 0) { m += b }
        } else {
            m = copysign(0, b)
        }
        return m - Double.pi
    }
}
