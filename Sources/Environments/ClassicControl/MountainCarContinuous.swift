import Foundation
import Random

/// Gymnasium's MountainCarContinuous-v0: the mountain car with a continuous
/// push a ∈ [−1, 1] (clipped), goal x ≥ 0.45 with v ≥ 0.
///
///     v ← clip(v + a·power − 0.0025·cos(3x), −0.07, 0.07)
///     x ← clip(x + v, −1.2, 0.6);  v ← 0 if x = −1.2 and v < 0
///
/// Reward −0.1·a² per step (a unclipped, as Gymnasium computes it), +100 on
/// reaching the goal; truncated at 999 steps. Gymnasium keeps this state in
/// float32 after the first step; the arithmetic is replayed with NumPy's
/// promotion rules (`NumpyScalar`) so trajectories match to the bit.
public struct MountainCarContinuous: Environment {
    /// The power multiplying the push (Gymnasium: 0.0015).
    public var power: Double
    /// (x, v).
    public var position = 0.0, velocity = 0.0
    /// Whether the state is float32 (after a step) or float64 (after reset or
    /// `setPhysicalState`), which decides how the next step rounds.
    var stateIsFloat32 = false
    public private(set) var elapsedSteps = 0
    public let maxEpisodeSteps: Int

    public static let minPosition = -1.2, maxPosition = 0.6, maxSpeed = 0.07, goalPosition = 0.45

    public init(power: Double = 0.0015, maxEpisodeSteps: Int = 999) {
        self.power = power
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    static let observationSpace = Space.box(low: [Float(minPosition), -Float(maxSpeed)],
                                            high: [Float(maxPosition), Float(maxSpeed)])
    static let actionSpace = Space.box(dimension: 1, low: -1, high: 1)
    public var observationSpace: Space { Self.observationSpace }
    public var actionSpace: Space { Self.actionSpace }
    public var stateNames: [String] { ["position", "velocity"] }
    public var physicalState: [Double] { [position, velocity] }

    public mutating func setPhysicalState(_ s: [Double]) throws {
        try validatePhysicalState(s)
        (position, velocity, stateIsFloat32) = (s[0], s[1], false)
    }

    public mutating func reset(stream: RandomStream, into observation: UnsafeMutableBufferPointer<Float>) {
        position = stream.uniform(-0.6, -0.4)
        velocity = 0
        stateIsFloat32 = false
        elapsedSteps = 0
        observe(into: observation)
    }

    public func observe(into o: UnsafeMutableBufferPointer<Float>) {
        o[0] = Float(position); o[1] = Float(velocity)
    }

    public mutating func step(_ action: Action, into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome {
        let v = action.vector
        precondition(v.count == 1, "MountainCarContinuous takes a 1-component action, got \(v.count)")
        typealias N = NumpyScalar
        let a = N(Double(v[0]), .float32)
        let kind: N.Kind = stateIsFloat32 ? .float32 : .float64
        var x = N(position, kind), vel = N(velocity, kind)
        // force = min(max(action[0], min_action), max_action), Python's builtins.
        var force = a
        if N.python(-1) > force { force = .python(-1) }
        if N.python(1) < force { force = .python(1) }
        let slope = N.python(0.0025 * cos((N.python(3) * x).value))
        vel = vel + (force * N.python(power) - slope)
        if vel > N.python(Self.maxSpeed) { vel = .python(Self.maxSpeed) }
        if vel < N.python(-Self.maxSpeed) { vel = .python(-Self.maxSpeed) }
        x = x + vel
        if x > N.python(Self.maxPosition) { x = .python(Self.maxPosition) }
        if x < N.python(Self.minPosition) { x = .python(Self.minPosition) }
        if x == N.python(Self.minPosition) && vel < N.python(0) { vel = .python(0) }
        let terminated = x >= N.python(Self.goalPosition) && vel >= N.python(0)
        let reward = (terminated ? 100.0 : 0.0) - pow(Double(v[0]), 2) * 0.1
        position = Double(Float(x.value))
        velocity = Double(Float(vel.value))
        stateIsFloat32 = true
        elapsedSteps += 1
        observe(into: observation)
        return StepOutcome(reward: reward, terminated: terminated, truncated: elapsedSteps >= maxEpisodeSteps)
    }
}
