extension LossNetwork {
    /// A φ whose loss is REINFORCE,
    ///
    ///     L_φ = −(1/B) Σᵢ xᵢ·log π_θ(aᵢ|sᵢ),
    ///
    /// with xᵢ the immediate reward rᵢ (`signal: .reward`) or the standardised
    /// reward-to-go Ĝᵢ (`signal: .returnToGo`, needs return features),
    /// exactly: convolutions and context are zero, two hidden units read the
    /// x·log π column with weights ±1, and the output takes their difference
    /// over (1 + a) — leaky(x) − leaky(−x) = (1 + a)·x for a leaky ReLU of slope a,
    /// so no bias trick and no rounding beyond one multiply. The known
    /// surrogate the tests train agents with, and an optional starting point φ₀.
    public static func reinforceGenome(layout: RowLayout, section: LossNetworkSection,
                                       signal: SurrogateSignal = .reward) -> [Float] {
        precondition(section.headHidden >= 2, "the REINFORCE surrogate needs at least 2 hidden units")
        precondition(signal == .reward || layout.returnFeatures, "the reward-to-go surrogate needs return features")
        let net = LossNetwork(layout: layout, section: section, rng: .init(seed: 0))
        var phi = [Float](repeating: 0, count: net.parameterCount)
        let hiddenWeight = net.hidden.weight, outputWeight = net.output.weight
        let h = section.headHidden
        let column = signal == .reward ? layout.rewardLogProbColumn : layout.returnLogProbColumn!
        // Dense weights are [inputs, outputs], row-major: W[i, j] at offset + i·outputs + j.
        phi[hiddenWeight.offset + column * h + 0] = 1
        phi[hiddenWeight.offset + column * h + 1] = -1
        let a = Float(section.leakySlope)
        phi[outputWeight.offset + 0] = -1 / (1 + a)
        phi[outputWeight.offset + 1] = 1 / (1 + a)
        return phi
    }
}

/// What REINFORCE weighs log π(a|s) by in `LossNetwork.reinforceGenome`.
public enum SurrogateSignal: Sendable, Equatable {
    /// The immediate reward r.
    case reward
    /// The standardised discounted reward-to-go Ĝ.
    case returnToGo
}
