import Foundation
import Random

/// A point mass that runs and jumps along a 1-D course with pits and walls —
/// the cheap stand-in for POET's bipedal walker, runnable in microseconds per
/// episode so the whole open-ended loop fits in a test.
///
/// Dynamics (dt = 0.05 s), actions a = (run, jump) clipped to [−1, 1]:
///
///     vₓ ← vₓ + dt·(4·run − vₓ)                      (force 4, drag 1/s: top speed 4 m/s)
///     on the ground: v_y ← 6·jump if jump > 0, else 0 (no gravity while standing)
///     in the air:    v_y ← v_y − 9.8·dt
///     x ← x + dt·vₓ,  y ← y + dt·v_y
///
/// A wall stops horizontal motion while y is below its top (vₓ ← 0) and can
/// be landed on; over a pit there is no ground, and dropping below ground
/// level (y < 0) ends the episode. Full jumps clear 1.84 m walls and 4.9 m
/// pits at top speed, beyond the family's largest obstacles (1.6 m, 4 m).
///
/// Reward: 10·Δx − 0.01·‖a‖² (crossing the 20 m course gives about 200).
/// Terminated on falling into a pit or reaching x = 20; truncated at 300
/// steps (running flat out crosses the course in about 120). Observation (7): vₓ/4, y, v_y/6, on-ground flag, distance to the
/// next obstacle / 5 (clipped to 1; 0 inside it), its pit width / 4 and its
/// wall height / 1.6 (0 for the other kind or none).
/// Reset: x ~ U(0, 0.1), at rest on the ground.
public struct PointCourse: Environment {
    public let layout: PointCourseLayout
    public var x = 0.0, y = 0.0, vx = 0.0, vy = 0.0
    public private(set) var elapsedSteps = 0
    public let maxEpisodeSteps: Int

    public static let dt = 0.05, force = 4.0, drag = 1.0, jumpSpeed = 6.0, gravity = 9.8
    public static let progressScale = 10.0, controlCost = 0.01

    public init(layout: PointCourseLayout, maxEpisodeSteps: Int = 300) {
        self.layout = layout
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    public static let observationSpace = Space.box(dimension: 7, low: -.infinity, high: .infinity)
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
        x = stream.uniform(0, 0.1)
        (y, vx, vy) = (0, 0, 0)
        elapsedSteps = 0
        observe(into: observation)
    }

    /// Standing on the ground or a wall top.
    public var onGround: Bool {
        guard let g = layout.groundHeight(at: x) else { return false }
        return y <= g + 1e-9 && vy <= 0
    }

    public func observe(into o: UnsafeMutableBufferPointer<Float>) {
        o[0] = Float(vx / Self.force)
        o[1] = Float(y)
        o[2] = Float(vy / Self.jumpSpeed)
        o[3] = onGround ? 1 : 0
        o[4] = 1; o[5] = 0; o[6] = 0
        if let next = layout.nextObstacle(after: x) {
            o[4] = Float(min(max(next.start - x, 0) / 5, 1))
            switch next {
            case .pit(_, let w): o[5] = Float(w / 4)
            case .wall(_, let h): o[6] = Float(h / 1.6)
            }
        }
    }

    public mutating func step(_ action: Action, into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome {
        let a = action.vector
        precondition(a.count == 2, "point-course takes a 2-component action (run, jump), got \(a.count)")
        // A NaN component pushes nothing rather than poisoning the state.
        let run = a[0].isNaN ? 0 : Double(min(max(a[0], -1), 1))
        let jump = a[1].isNaN ? 0 : Double(min(max(a[1], -1), 1))
        let dt = Self.dt
        let grounded = onGround
        vx += dt * (Self.force * run - Self.drag * vx)
        if grounded && jump <= 0 {
            vy = 0
        } else {
            if grounded { vy = Self.jumpSpeed * jump }
            vy -= Self.gravity * dt
        }
        var nx = x + dt * vx
        var ny = y + dt * vy
        for case .wall(let start, let h) in layout.obstacles where ny < h {
            let end = start + PointCourseLayout.wallThickness
            if x <= start && nx > start { nx = start; vx = 0 }
            if x >= end && nx < end { nx = end; vx = 0 }
        }
        if nx < 0 { nx = 0; vx = max(vx, 0) }
        if let g = layout.groundHeight(at: nx), ny <= g, y >= g - 1e-9 {
            ny = g
            vy = 0
        }
        let reward = Self.progressScale * (nx - x) - Self.controlCost * (run * run + jump * jump)
        x = nx
        y = ny
        elapsedSteps += 1
        observe(into: observation)
        let fell = y < 0
        return StepOutcome(reward: reward, terminated: fell || x >= PointCourseLayout.length,
                           truncated: elapsedSteps >= maxEpisodeSteps)
    }
}
