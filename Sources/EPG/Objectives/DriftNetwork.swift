import Agents
import Foundation
import Autodiff
import Random

/// The drift a learned policy objective evolves (LPO, Lu et al. 2022; TA-LPO,
/// Jackson et al. 2024): a small tanh network g_φ, without biases, over
/// features of the probability ratio r and the advantage Â (and, for TA-LPO,
/// the agent's training progress n/N), added to a base drift:
///
///     u = r − 1,  ℓ = log r
///     b = clamp([u², u·|u|, ℓ², ℓ·|ℓ|] / ε², ±50)         4 features, each O((r − 1)²)
///     x = [b, Â·b]                   (LPO: 8 inputs)
///     x = [b, Â·b, (n/N)·b, (n/N)·Â·b]   (TA-LPO: 16 inputs)
///     g_φ = v · x + w₂ · tanh(W₁ · x)
///     D_φ(r, Â) = ReLU(D_base(r, Â) + g_φ)
///
/// Every φ gives a valid drift (mirror learning's conditions): D_φ ≥ 0 by the
/// ReLU; every feature is zero with zero slope at r = 1 and the network has
/// no biases, so g_φ(r = 1) = 0 with ∂g/∂r = 0, and D_base is such a drift
/// too. With φ = 0, D_φ = D_base exactly: an objective whose base is PPO's
/// clip *is* PPO (`LearnedObjectiveLoss` keeps it so bit for bit).
///
/// LPO's network takes first-order features (r − 1, log r) and subtracts
/// 10⁻⁴ inside the ReLU to keep the drift flat at r = 1; second-order
/// features keep it flat without the offset, so φ = 0 is PPO exactly.
///
/// The linear term v·x is ours. Without it g is an even function of φ
/// (w₂·tanh(W₁x) = (−w₂)·tanh(−W₁x)): the antithetic pair φ = ±σε around
/// μ = 0 trains identical agents, the ES gradient there is exactly zero, and
/// a search started from PPO never moves. v gives ES a first-order direction
/// at μ = 0 (a learned quadratic drift); the tanh part grows from there.
public final class DriftNetwork {
    public let shape: DriftShape
    /// φ, read as constants by every tape.
    public let parameters: ParameterSet
    let linear: Dense
    let hidden: Dense
    let output: Dense

    /// The network with every weight zero (φ = 0).
    public init(shape: DriftShape) {
        self.shape = shape
        let phi = ParameterSet(trainable: false)
        parameters = phi
        let rng = RandomStream(seed: 0)
        linear = Dense(shape.inputs, 1, useBias: false, weightInitializer: .zeros, in: phi, rng: rng, name: "drift.linear")
        hidden = Dense(shape.inputs, shape.hidden, activation: .tanh, useBias: false, weightInitializer: .zeros,
                       in: phi, rng: rng, name: "drift.hidden")
        output = Dense(shape.hidden, 1, useBias: false, weightInitializer: .zeros, in: phi, rng: rng, name: "drift.output")
    }

    /// |φ| = inputs + (inputs + 1)·hidden.
    public var parameterCount: Int { parameters.count }

    /// Loads φ (throws when its length is not `parameterCount`).
    public func load(_ genome: [Float]) throws(ParameterError) { try parameters.setFlatValues(genome) }

    /// g_φ for one minibatch, `[B, 1]`, on `ratio`'s tape: `progress` is n/N (TA-LPO only).
    public func callAsFunction(_ terms: PolicyTerms, progress: Float) -> Tensor {
        let x = features(terms, progress: progress)
        return linear(x) + output(hidden(x))
    }

    /// x, `[B, inputs]`.
    func features(_ terms: PolicyTerms, progress: Float) -> Tensor {
        let scale = 1 / (terms.epsilon * terms.epsilon), limit = DriftShape.featureLimit
        let u = terms.ratio - 1, l = terms.logRatio
        let base = concat([u.squared(), u * u.abs(), l.squared(), l * l.abs()], axis: 1)
            .affine(scale: scale, shift: 0).clamped(min: -limit, max: limit)
        let withAdvantage = concat(base, base * terms.advantages, axis: 1)
        guard shape.timeAware else { return withAdvantage }
        return concat(withAdvantage, withAdvantage * progress, axis: 1)
    }
}

/// The shape of a drift network: which features and how many hidden units.
public struct DriftShape: Sendable, Equatable, Hashable {
    /// TA-LPO: the features also enter multiplied by the training progress n/N.
    public var timeAware: Bool
    /// H, hidden tanh units.
    public var hidden: Int

    public init(timeAware: Bool, hidden: Int) {
        self.timeAware = timeAware
        self.hidden = hidden
    }

    /// 8 (LPO) or 16 (TA-LPO).
    public var inputs: Int { timeAware ? 16 : 8 }
    /// |φ|: v, W₁, w₂.
    public var genomeLength: Int { inputs + (inputs + 1) * hidden }
    /// Features are clamped to ±this (|r − 1| ≈ 1.4 at the limit with ε = 0.2),
    /// so an extreme ratio never turns 0·x into NaN.
    public static let featureLimit: Float = 50
}

extension DriftNetwork {
    /// D_φ(r, Â) at each (ratio, advantage) pair (progress n/N for TA-LPO),
    /// evaluated on a tape of its own: what tests check and reports draw.
    public func drift(ratios: [Float], advantages: [Float], progress: Float = 0, base: BuiltInDrift,
                      epsilon: Float = 0.2) -> [Float] {
        precondition(ratios.count == advantages.count && ratios.allSatisfy { $0 > 0 },
                     "DriftNetwork.drift: one positive ratio per advantage")
        let tape = Tape()
        let logRatio = tape.constant(ratios.map { Float(Foundation.log(Double($0))) }, rows: ratios.count, cols: 1)
        let terms = PolicyTerms(tape: tape, logRatio: logRatio,
                                advantages: tape.constant(advantages, rows: advantages.count, cols: 1),
                                epsilon: epsilon, drift: base)
        return (terms.driftValues + self(terms, progress: progress)).relu().values
    }
}
