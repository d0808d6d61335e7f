import Foundation
import Random

/// The physical constants of a mountain car on the track y = 0.45 sin(3x) + 0.55,
/// with Gymnasium's MountainCar-v0 values as defaults. `mountaincar-random`
/// draws `force` and `gravity`.
public struct MountainCarTask: TaskValue, Hashable {
    /// The push of actions 0 and 2 (velocity units per step).
    public var force = 0.001
    /// The pull of the slope, scaled by cos(3x).
    public var gravity = 0.0025

    public init(force: Double = 0.001, gravity: Double = 0.0025) {
        self.force = force
        self.gravity = gravity
    }

    public static let gymnasium = MountainCarTask()
    public var description: String { "MountainCar(force \(force), gravity \(gravity))" }
}

/// Gymnasium's MountainCar-v0: an underpowered car in a valley must rock back
/// and forth to reach x ≥ 0.5. Actions: 0 push left, 1 no push, 2 push right.
///
///     v ← clip(v + (a − 1)·force − cos(3x)·gravity, −0.07, 0.07)
///     x ← clip(x + v, −1.2, 0.6);  v ← 0 if x = −1.2 and v < 0
///
/// in float64; reward −1 per step; terminates at x ≥ 0.5 with v ≥ 0; truncated
/// at 200 steps. Reset: x ~ U(−0.6, −0.4), v = 0.
public struct MountainCar: Environment {
    public var parameters: MountainCarTask
    /// (x, v).
    public var position = 0.0, velocity = 0.0
    public private(set) var elapsedSteps = 0
    public let maxEpisodeSteps: Int

    public static let minPosition = -1.2, maxPosition = 0.6, maxSpeed = 0.07, goalPosition = 0.5

    public init(parameters: MountainCarTask = .gymnasium, maxEpisodeSteps: Int = 200) {
        self.parameters = parameters
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    static let observationSpace = Space.box(low: [Float(minPosition), -Float(maxSpeed)],
                                            high: [Float(maxPosition), Float(maxSpeed)])
    public var observationSpace: Space { Self.observationSpace }
    public var actionSpace: Space { .discrete(3) }
    public var stateNames: [String] { ["position", "velocity"] }
    public var physicalState: [Double] { [position, velocity] }

    public mutating func setPhysicalState(_ s: [Double]) throws {
        try validatePhysicalState(s)
        (position, velocity) = (s[0], s[1])
    }

    public mutating func reset(stream: RandomStream, into observation: UnsafeMutableBufferPointer<Float>) {
        position = stream.uniform(-0.6, -0.4)
        velocity = 0
        elapsedSteps = 0
        observe(into: observation)
    }

    public func observe(into o: UnsafeMutableBufferPointer<Float>) {
        o[0] = Float(position); o[1] = Float(velocity)
    }

    public mutating func step(_ action: Action, into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome {
        let a = action.index
        precondition(a >= 0 && a < 3, "MountainCar takes action 0, 1 or 2, got \(a)")
        let p = parameters
        velocity += Double(a - 1) * p.force + cos(3 * position) * (-p.gravity)
        velocity = min(max(velocity, -Self.maxSpeed), Self.maxSpeed)
        position += velocity
        position = min(max(position, Self.minPosition), Self.maxPosition)
        if position == Self.minPosition && velocity < 0 { velocity = 0 }
        elapsedSteps += 1
        let terminated = position >= Self.goalPosition && velocity >= 0
        observe(into: observation)
        return StepOutcome(reward: -1, terminated: terminated, truncated: elapsedSteps >= maxEpisodeSteps)
    }
}
