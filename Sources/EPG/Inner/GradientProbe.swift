import Agents
import Autodiff

/// Compares the evolved loss with PPO's on the same data: at every gradient
/// step of a lifetime, the cosine between ∇θL_φ and ∇θL_PPO over the
/// actor's parameters (the critic is PPO's alone), where L_PPO is PPO's
/// policy objective on the agent's minibatch,
///
///     L_PPO = E[max(−Â·ρ, −Â·clip(ρ, 1 − ε, 1 + ε))] − c₂·E[H[π_θ(·|s)]],   ρ = π_θ(a|s)/π_old(a|s).
///
/// Costs two extra backward passes per step: for reports, not for evolution.
public final class GradientProbe: @unchecked Sendable {
    /// One sample per gradient step: lifetime fraction t/T and the cosine.
    public private(set) var samples: [(time: Double, cosine: Double)] = []

    public init() {}

    func record(evolved: Tensor, inputs: LossInputs, policy: ActorCritic, time: Int, lifetime: Int) {
        let tape = inputs.tape, h = inputs.hyperparameters
        let eps = Float(h.clipCoef)
        let ratio = (inputs.logProb - inputs.oldLogProb).exp()
        let negAdv = -inputs.advantages
        var ppo = maximum(negAdv * ratio, negAdv * ratio.clamped(min: 1 - eps, max: 1 + eps)).mean()
        if h.entCoef > 0 { ppo = ppo - inputs.entropy.mean() * Float(h.entCoef) }
        let params = policy.parameters
        let actor = params.entries.filter { !$0.name.hasPrefix("critic") && !$0.name.hasPrefix("value_head") }
        func actorGradient() -> [Double] {
            let g = params.flatGradients()
            return actor.flatMap { e in g[e.offset..<(e.offset + e.count)].map(Double.init) }
        }
        tape.backward(ppo)
        let gp = actorGradient()
        tape.backward(evolved)
        let ge = actorGradient()
        var dot = 0.0, np = 0.0, ne = 0.0
        for i in gp.indices {
            dot += gp[i] * ge[i]
            np += gp[i] * gp[i]
            ne += ge[i] * ge[i]
        }
        let cosine = np > 0 && ne > 0 ? dot / (np * ne).squareRoot() : .nan
        samples.append((Double(time) / Double(lifetime), cosine))
    }
}
