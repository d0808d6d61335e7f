/// The physical constants of a cart-pole (Barto, Sutton & Anderson 1983), with
/// Gymnasium's CartPole-v1 values as defaults. The randomised family
/// (`cartpole-random`) draws `poleHalfLength`, `poleMass`, `cartMass` and
/// `forceMagnitude`.
public struct CartPoleTask: TaskValue, Hashable {
    /// g, m/s².
    public var gravity: Double = 9.8
    /// m_c, kg.
    public var cartMass: Double = 1.0
    /// m_p, kg.
    public var poleMass: Double = 0.1
    /// l, half the pole's length (Gymnasium's `length`), m.
    public var poleHalfLength: Double = 0.5
    /// |F|, the push applied left or right, N.
    public var forceMagnitude: Double = 10.0
    /// τ, seconds per step (explicit Euler).
    public var tau: Double = 0.02

    public init() {}

    public init(gravity: Double = 9.8, cartMass: Double = 1.0, poleMass: Double = 0.1,
                poleHalfLength: Double = 0.5, forceMagnitude: Double = 10.0, tau: Double = 0.02) {
        self.gravity = gravity
        self.cartMass = cartMass
        self.poleMass = poleMass
        self.poleHalfLength = poleHalfLength
        self.forceMagnitude = forceMagnitude
        self.tau = tau
    }

    /// Gymnasium's CartPole-v1.
    public static let gymnasium = CartPoleTask()

    /// m_p + m_c, summed in Gymnasium's order (`masspole + masscart`).
    @inlinable public var totalMass: Double { poleMass + cartMass }
    /// m_p·l.
    @inlinable public var poleMassLength: Double { poleMass * poleHalfLength }

    public var description: String {
        "CartPole(pole half-length \(poleHalfLength) m, pole mass \(poleMass) kg, "
            + "cart mass \(cartMass) kg, force \(forceMagnitude) N)"
    }
}
