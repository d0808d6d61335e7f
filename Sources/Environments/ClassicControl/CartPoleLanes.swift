/// Four cart-poles stepped at once in SIMD lanes (`SIMD4<Double>` per state
/// component): `integrate` performs, lane by lane, exactly the operations of
/// the scalar `CartPole.integrate` in the same order, with sin θ and cos θ
/// from `CartPoleTrig.cosSin`, so each lane's trajectory is bit for bit the
/// one `CartPole.step` produces. For callers that play several episodes
/// together (ES policy search evaluates four members a pass).
public struct CartPoleLanes: Sendable {
    /// (x, ẋ, θ, θ̇) of the four lanes.
    public var x = SIMD4<Double>(), xDot = SIMD4<Double>(), theta = SIMD4<Double>(), thetaDot = SIMD4<Double>()
    /// Each lane's physics.
    public var forceMagnitude, totalMass, poleMassLength, gravity, poleHalfLength, poleMass, tau: SIMD4<Double>

    /// Lanes holding `poles` (at most four; missing lanes copy the first and
    /// should be ignored by the caller).
    public init(_ poles: [CartPole]) {
        precondition(!poles.isEmpty && poles.count <= 4, "CartPoleLanes holds one to four cart-poles")
        func lane(_ k: Int) -> CartPole { poles[k < poles.count ? k : 0] }
        func gather(_ f: (CartPole) -> Double) -> SIMD4<Double> { SIMD4(f(lane(0)), f(lane(1)), f(lane(2)), f(lane(3))) }
        x = gather(\.x)
        xDot = gather(\.xDot)
        theta = gather(\.theta)
        thetaDot = gather(\.thetaDot)
        forceMagnitude = gather(\.parameters.forceMagnitude)
        totalMass = gather(\.parameters.totalMass)
        poleMassLength = gather(\.parameters.poleMassLength)
        gravity = gather(\.parameters.gravity)
        poleHalfLength = gather(\.parameters.poleHalfLength)
        poleMass = gather(\.parameters.poleMass)
        tau = gather(\.parameters.tau)
    }

    /// One Euler step on the lanes where `active` is true (pushing right
    /// where `right`); the other lanes keep their state.
    @inlinable @inline(__always)
    public mutating func integrate(right: SIMDMask<SIMD4<Int64>>, active: SIMDMask<SIMD4<Int64>>) {
        let (cosTheta, sinTheta) = CartPoleTrig.cosSin(theta)
        let force = (-forceMagnitude).replacing(with: forceMagnitude, where: right)
        let temp = (force + poleMassLength * (thetaDot * thetaDot) * sinTheta) / totalMass
        let thetaAcc = (gravity * sinTheta - cosTheta * temp)
            / (poleHalfLength * (4.0 / 3.0 - poleMass * (cosTheta * cosTheta) / totalMass))
        let xAcc = temp - poleMassLength * thetaAcc * cosTheta / totalMass
        x.replace(with: x + tau * xDot, where: active)
        xDot.replace(with: xDot + tau * xAcc, where: active)
        theta.replace(with: theta + tau * thetaDot, where: active)
        thetaDot.replace(with: thetaDot + tau * thetaAcc, where: active)
    }

    /// `CartPole.isTerminal` per lane.
    @inlinable @inline(__always)
    public var terminal: SIMDMask<SIMD4<Int64>> {
        let xt = SIMD4<Double>(repeating: CartPole.xThreshold), tt = SIMD4<Double>(repeating: CartPole.thetaThreshold)
        return (x .< -xt) .| (x .> xt) .| (theta .< -tt) .| (theta .> tt)
    }
}
