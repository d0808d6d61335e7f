import Foundation
import Random

/// The physical constants of Gymnasium's Acrobot-v1 (Sutton & Barto's book
/// version of the dynamics).
public struct AcrobotTask: TaskValue, Hashable {
    /// Link lengths l₁ (m); l₂ only matters for drawing.
    public var linkLength1 = 1.0
    /// Link masses m₁, m₂ (kg).
    public var linkMass1 = 1.0, linkMass2 = 1.0
    /// Centres of mass l_c1, l_c2 (m).
    public var linkCenter1 = 0.5, linkCenter2 = 0.5
    /// Moment of inertia I of both links.
    public var linkInertia = 1.0
    /// g (m/s²).
    public var gravity = 9.8
    /// Seconds per step (one RK4 step).
    public var dt = 0.2

    public init() {}
    public static let gymnasium = AcrobotTask()
    public var description: String { "Acrobot(m₁ \(linkMass1), m₂ \(linkMass2), l₁ \(linkLength1), g \(gravity))" }
}

/// Gymnasium's Acrobot-v1: two links, torque −1, 0, +1 (actions 0, 1, 2) on
/// the joint between them; reward −1 per step until the tip rises one link
/// length above the base (−cos θ₁ − cos(θ₁ + θ₂) > 1, reward 0 on that step);
/// truncated at 500 steps.
///
/// State (θ₁, θ₂, θ̇₁, θ̇₂) integrated by one classical RK4 step of dt = 0.2 s
/// in float64 (the "book" equations); angles wrapped to [−π, π], velocities
/// clipped to ±4π and ±9π. Observation (cos θ₁, sin θ₁, cos θ₂, sin θ₂, θ̇₁, θ̇₂)
/// cast to float32. Reset draws the state from U(−0.1, 0.1) rounded to float32,
/// as Gymnasium's `astype(np.float32)` does.
public struct Acrobot: Environment {
    public var parameters: AcrobotTask
    /// (θ₁, θ₂, θ̇₁, θ̇₂).
    public var state: (Double, Double, Double, Double) = (0, 0, 0, 0)
    public private(set) var elapsedSteps = 0
    public let maxEpisodeSteps: Int

    public static let maxVelocity1 = 4 * Double.pi
    public static let maxVelocity2 = 9 * Double.pi
    static let torques: [Double] = [-1.0, 0.0, 1.0]

    public init(parameters: AcrobotTask = .gymnasium, maxEpisodeSteps: Int = 500) {
        self.parameters = parameters
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    static let observationSpace = Space.box(
        low: [-1, -1, -1, -1, -Float(maxVelocity1), -Float(maxVelocity2)],
        high: [1, 1, 1, 1, Float(maxVelocity1), Float(maxVelocity2)])
    public var observationSpace: Space { Self.observationSpace }
    public var actionSpace: Space { .discrete(3) }
    public var stateNames: [String] { ["theta1", "theta2", "dtheta1", "dtheta2"] }
    public var physicalState: [Double] { [state.0, state.1, state.2, state.3] }

    public mutating func setPhysicalState(_ s: [Double]) throws {
        try validatePhysicalState(s)
        state = (s[0], s[1], s[2], s[3])
    }

    public mutating func reset(stream: RandomStream, into observation: UnsafeMutableBufferPointer<Float>) {
        func draw() -> Double { Double(Float(stream.uniform(-0.1, 0.1))) }
        let a = draw(), b = draw(), c = draw(), d = draw()
        state = (a, b, c, d)
        elapsedSteps = 0
        observe(into: observation)
    }

    public func observe(into o: UnsafeMutableBufferPointer<Float>) {
        o[0] = Float(cos(state.0)); o[1] = Float(sin(state.0))
        o[2] = Float(cos(state.1)); o[3] = Float(sin(state.1))
        o[4] = Float(state.2); o[5] = Float(state.3)
    }

    public mutating func step(_ action: Action, into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome {
        let a = action.index
        precondition(a >= 0 && a < 3, "Acrobot takes action 0, 1 or 2, got \(a)")
        let torque = Self.torques[a]
        var ns = rk4(state, torque: torque)
        ns.0 = Self.wrap(ns.0, -Double.pi, Double.pi)
        ns.1 = Self.wrap(ns.1, -Double.pi, Double.pi)
        ns.2 = min(max(ns.2, -Self.maxVelocity1), Self.maxVelocity1)
        ns.3 = min(max(ns.3, -Self.maxVelocity2), Self.maxVelocity2)
        state = ns
        elapsedSteps += 1
        let terminated = -cos(state.0) - cos(state.1 + state.0) > 1.0
        observe(into: observation)
        return StepOutcome(reward: terminated ? 0 : -1, terminated: terminated,
                           truncated: elapsedSteps >= maxEpisodeSteps)
    }

    typealias State = (Double, Double, Double, Double)

    /// One step of classical RK4 over [0, dt], written as Gymnasium's `rk4`
    /// (same operation order, so the float64 results agree).
    func rk4(_ y0: State, torque: Double) -> State {
        let dt = parameters.dt - 0.0, dt2 = dt / 2.0
        func axpy(_ y: State, _ h: Double, _ k: State) -> State {
            (y.0 + h * k.0, y.1 + h * k.1, y.2 + h * k.2, y.3 + h * k.3)
        }
        let k1 = derivatives(y0, torque)
        let k2 = derivatives(axpy(y0, dt2, k1), torque)
        let k3 = derivatives(axpy(y0, dt2, k2), torque)
        let k4 = derivatives(axpy(y0, dt, k3), torque)
        let h = dt / 6.0
        func combine(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double { a + 2 * b + 2 * c + d }
        return (y0.0 + h * combine(k1.0, k2.0, k3.0, k4.0), y0.1 + h * combine(k1.1, k2.1, k3.1, k4.1),
                y0.2 + h * combine(k1.2, k2.2, k3.2, k4.2), y0.3 + h * combine(k1.3, k2.3, k3.3, k4.3))
    }

    /// ds/dt of the book dynamics (Sutton & Barto, ch. 11), torque `a` on joint 2.
    func derivatives(_ s: State, _ a: Double) -> State {
        let p = parameters
        let m1 = p.linkMass1, m2 = p.linkMass2, l1 = p.linkLength1
        let lc1 = p.linkCenter1, lc2 = p.linkCenter2, i1 = p.linkInertia, i2 = p.linkInertia, g = p.gravity
        let (theta1, theta2, dtheta1, dtheta2) = s
        let d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos(theta2)) + i1 + i2
        let d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos(theta2)) + i2
        let phi2 = m2 * lc2 * g * cos(theta1 + theta2 - Double.pi / 2.0)
        let phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin(theta2)
            - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin(theta2)
            + (m1 * lc1 + m2 * l1) * g * cos(theta1 - Double.pi / 2)
            + phi2
        let ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin(theta2) - phi2)
            / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1)
        let ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
        return (dtheta1, dtheta2, ddtheta1, ddtheta2)
    }

    /// Gymnasium's `wrap`: shifts by whole periods into [m, M].
    static func wrap(_ x: Double, _ m: Double, _ M: Double) -> Double {
        let diff = M - m
        var x = x
        while x > M { x = x - diff }
        while x < m { x = x + diff }
        return x
    }
}
