/// The physical constants of an inverted pendulum, with Gymnasium's Pendulum-v1
/// values as defaults. `pendulum-random` draws `mass`, `length` and `gravity`.
public struct PendulumTask: TaskValue, Hashable {
    /// m, kg.
    public var mass = 1.0
    /// l, m.
    public var length = 1.0
    /// g, m/s² (Gymnasium's default is 10.0).
    public var gravity = 10.0
    /// Largest torque |u| (actions are clipped to it).
    public var maxTorque = 2.0
    /// Largest angular speed |θ̇|.
    public var maxSpeed = 8.0
    /// Seconds per step.
    public var dt = 0.05

    public init(mass: Double = 1.0, length: Double = 1.0, gravity: Double = 10.0) {
        self.mass = mass
        self.length = length
        self.gravity = gravity
    }

    public static let gymnasium = PendulumTask()
    public var description: String { "Pendulum(mass \(mass) kg, length \(length) m, gravity \(gravity) m/s²)" }
}
