import Foundation
import Random

/// What a point-mass task rewards.
public enum PointMassObjective: Sendable, Equatable {
    /// Progress towards the goal (x, y) (EPG's GoalAnt).
    case goal(x: Double, y: Double)
    /// Velocity along the unit direction (dx, dy) (EPG's DirHalfCheetah).
    case direction(dx: Double, dy: Double)
}

/// A point mass on the plane, pushed by a bounded force: the continuous 2-D
/// stand-in for EPG's GoalAnt and DirHalfCheetah (Houthooft et al. 2018).
///
///     a ← clip(a, −1, 1)           (componentwise)
///     v ← v + dt·(2a − v)          (force 2a per unit mass, linear drag 1/s)
///     p ← p + dt·v,   dt = 0.1 s
///
/// Reward with control cost c = 0.01‖a‖²:
/// goal g: (‖p − g‖ − ‖p′ − g‖)/dt − c (the speed of approach);
/// direction d: ⟨v′, d⟩ − c. The goal or direction is *not* observed.
/// Observation (x, y, vₓ, v_y); never terminates; truncated at 100 steps.
/// Reset: p ~ U(−0.05, 0.05)², v = 0.
public struct PointMass: Environment {
    public let objective: PointMassObjective
    /// (x, y, vₓ, v_y).
    public var x = 0.0, y = 0.0, vx = 0.0, vy = 0.0
    public private(set) var elapsedSteps = 0
    public let maxEpisodeSteps: Int

    public static let dt = 0.1, forceScale = 2.0, drag = 1.0, controlCost = 0.01

    public init(objective: PointMassObjective, maxEpisodeSteps: Int = 100) {
        self.objective = objective
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    public static let observationSpace = Space.box(dimension: 4, low: -.infinity, high: .infinity)
    public static let actionSpace = Space.box(dimension: 2, low: -1, high: 1)
    public var observationSpace: Space { Self.observationSpace }
    public var actionSpace: Space { Self.actionSpace }
    public var stateNames: [String] { ["x", "y", "vx", "vy"] }
    public var physicalState: [Double] { [x, y, vx, vy] }

    public mutating func setPhysicalState(_ s: [Double]) throws {
        try validatePhysicalState(s)
        (x, y, vx, vy) = (s[0], s[1], s[2], s[3])
    }

    public mutating func reset(stream: RandomStream, into observation: UnsafeMutableBufferPointer<Float>) {
        x = stream.uniform(-0.05, 0.05)
        y = stream.uniform(-0.05, 0.05)
        (vx, vy) = (0, 0)
        elapsedSteps = 0
        observe(into: observation)
    }

    public func observe(into o: UnsafeMutableBufferPointer<Float>) {
        o[0] = Float(x); o[1] = Float(y); o[2] = Float(vx); o[3] = Float(vy)
    }

    public mutating func step(_ action: Action, into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome {
        let v = action.vector
        precondition(v.count == 2, "the point mass takes a 2-component action, got \(v.count)")
        let ax = Double(min(max(v[0], -1), 1)), ay = Double(min(max(v[1], -1), 1))
        let dt = Self.dt
        let (oldX, oldY) = (x, y)
        vx += dt * (Self.forceScale * ax - Self.drag * vx)
        vy += dt * (Self.forceScale * ay - Self.drag * vy)
        x += dt * vx
        y += dt * vy
        let cost = Self.controlCost * (ax * ax + ay * ay)
        let reward: Double
        switch objective {
        case .goal(let gx, let gy):
            let before = hypot(oldX - gx, oldY - gy), after = hypot(x - gx, y - gy)
            reward = (before - after) / dt - cost
        case .direction(let dx, let dy):
            reward = vx * dx + vy * dy - cost
        }
        elapsedSteps += 1
        observe(into: observation)
        return StepOutcome(reward: reward, terminated: false, truncated: elapsedSteps >= maxEpisodeSteps)
    }
}
