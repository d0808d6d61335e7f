import CBox2D
import Environments
import Random

/// Gymnasium's BipedalWalker-v3 (hardcore time limit) on a POET course, on
/// Box2D 2.4.
///
/// Observation (24, `float32`): hull angle, 2ω/50, 0.3·vₓ·(600/30)/50,
/// 0.3·v_y·(400/30)/50; per leg: hip angle, hip speed/4, knee angle + 1,
/// knee speed/6, shin contact; then 10 lidar fractions in [0, 1] (rays at
/// 1.5·i/10 rad from straight down, 160/30 m long, closest ground hit).
/// Action (4) in [−1, 1]: motor speed = (4 | 6)·sign(a), torque limit = 80·|a|.
///
/// Reward, with shaping s = 130·x_hull/30 − 5·|θ_hull|:
///
///     r_t = s_t − s_{t−1} − Σᵢ 0.00035·80·clip(|aᵢ|, 0, 1)
///
/// and r_t = −100, terminated, when the hull touches the ground or x_hull < 0;
/// terminated when x_hull passes the far end (190 steps); truncated at 2,000
/// steps (Gymnasium's TimeLimit for the hardcore walker, POET's episode).
/// `reset` pushes the hull by U(−5, 5) N and takes Gymnasium's zero-action
/// step (not counted). A NaN action component counts as 0 (no torque, no cost)
/// so it cannot poison the world.
///
/// A value type: copies share their Box2D world until one of them resets or
/// steps, which then builds its own (exactly at `reset`; mid-episode a copy
/// continues from the same body states, with Box2D's contact caches restarted).
public struct BipedalWalker: Environment {
    public let course: WalkerCourse
    var world: WalkerWorld
    public private(set) var elapsedSteps = 0
    public let maxEpisodeSteps: Int
    /// s_{t} of the last step (Gymnasium's `prev_shaping`).
    public private(set) var shaping = 0.0
    /// Hull position and angle after the last step.
    public private(set) var hullX = 0.0, hullY = 0.0, hullAngle = 0.0

    public init(course: WalkerCourse, maxEpisodeSteps: Int = WalkerConstants.maxEpisodeSteps) {
        self.course = course
        self.maxEpisodeSteps = maxEpisodeSteps
        world = WalkerWorld(course: course)
    }

    /// Gymnasium's observation bounds (joint speeds up to 5× rated, lidar ±1).
    public static let observationSpace: Space = {
        let pi = Float.pi
        let low: [Float] = [-pi, -5, -5, -5, -pi, -5, -pi, -5, 0, -pi, -5, -pi, -5, 0] + Array(repeating: -1, count: 10)
        let high: [Float] = [pi, 5, 5, 5, pi, 5, pi, 5, 5, pi, 5, pi, 5, 5] + Array(repeating: 1, count: 10)
        return .box(low: low, high: high)
    }()
    public static let actionSpace = Space.box(dimension: 4, low: -1, high: 1)
    public var observationSpace: Space { Self.observationSpace }
    public var actionSpace: Space { Self.actionSpace }

    /// s = 130·x/SCALE − 5·|θ| (Gymnasium's `shaping`).
    @inlinable public static func shaping(hullX: Double, hullAngle: Double) -> Double {
        130 * hullX / WalkerConstants.scale - 5.0 * abs(hullAngle)
    }

    /// Σᵢ 0.00035·MOTORS_TORQUE·clip(|aᵢ|, 0, 1) (NaN counts as 0).
    @inlinable public static func torqueCost(_ action: UnsafeBufferPointer<Float>) -> Double {
        var cost = 0.0
        for a in action where !a.isNaN { cost += 0.00035 * WalkerConstants.motorsTorque * min(Double(abs(a)), 1) }
        return cost
    }

    mutating func ownWorld(resetting: Bool) {
        if !isKnownUniquelyReferenced(&world) {
            world = resetting ? WalkerWorld(course: course) : world.copy(course: course)
        }
    }

    /// Starts an episode with the hull pushed by U(−5, 5) N drawn from `stream`.
    public mutating func reset(stream: RandomStream, into observation: UnsafeMutableBufferPointer<Float>) {
        let r = WalkerConstants.initialRandom
        reset(initialForceX: stream.uniform(-r, r), into: observation)
    }

    /// Starts an episode with the hull pushed horizontally by `initialForceX`
    /// newtons (Gymnasium draws it from U(−5, 5); POET fixes it by the niche's seed).
    public mutating func reset(initialForceX: Double, into observation: UnsafeMutableBufferPointer<Float>) {
        precondition(observation.count >= 24, "the walker writes 24 observation values")
        ownWorld(resetting: true)
        world.reset(initialForceX: Float(initialForceX))
        var zeros: (Float, Float, Float, Float) = (0, 0, 0, 0)
        var status = CBWalkerStatus()
        withUnsafePointer(to: &zeros) { z in
            z.withMemoryRebound(to: Float.self, capacity: 4) { cb_walker_step(world.handle, $0, observation.baseAddress, &status) }
        }
        record(status)
        elapsedSteps = 0
    }

    mutating func record(_ status: CBWalkerStatus) {
        hullX = Double(status.hullX)
        hullY = Double(status.hullY)
        hullAngle = Double(status.hullAngle)
        shaping = Self.shaping(hullX: hullX, hullAngle: hullAngle)
    }

    public mutating func step(_ action: Action, into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome {
        let a = action.vector
        precondition(a.count == 4, "the walker takes 4 torques, got \(a.count)")
        precondition(observation.count >= 24, "the walker writes 24 observation values")
        precondition(world.hasWalker, "reset the walker before stepping it")
        ownWorld(resetting: false)
        var status = CBWalkerStatus()
        cb_walker_step(world.handle, a.baseAddress, observation.baseAddress, &status)
        let previous = shaping
        record(status)
        var reward = shaping - previous - Self.torqueCost(a)
        var terminated = false
        if status.gameOver != 0 || hullX < 0 {
            reward = -100
            terminated = true
        }
        if hullX > WalkerConstants.finishX { terminated = true }
        elapsedSteps += 1
        return StepOutcome(reward: reward, terminated: terminated, truncated: elapsedSteps >= maxEpisodeSteps)
    }

    public func observe(into observation: UnsafeMutableBufferPointer<Float>) {
        precondition(world.hasWalker, "reset the walker before observing it")
        precondition(observation.count >= 24, "the walker writes 24 observation values")
        cb_walker_observe(world.handle, observation.baseAddress)
    }

    /// Position, angle and velocities of the hull and the four leg segments
    /// (thigh, shin of the first leg, then of the second), for drawing a
    /// trajectory.
    public var bodies: [WalkerBodyState] {
        precondition(world.hasWalker, "reset the walker first")
        var s = world.state
        return withUnsafeBytes(of: &s.bodies) { raw in
            raw.bindMemory(to: CBBodyState.self).map {
                WalkerBodyState(x: Double($0.x), y: Double($0.y), angle: Double($0.angle),
                                vx: Double($0.vx), vy: Double($0.vy), omega: Double($0.omega))
            }
        }
    }
}

/// One rigid body of the walker, in metres and radians.
public struct WalkerBodyState: Sendable, Equatable, Codable {
    public var x, y, angle, vx, vy, omega: Double
}
