import Autodiff
import Environments
import Random

/// The agent's networks: an actor π_θ(a|s) and a critic V_θ(s), all weights in
/// one `ParameterSet` (one optimizer, one global gradient norm).
///
/// The actor outputs logits of a categorical distribution (discrete actions)
/// or the mean μ_θ(s) of a diagonal Gaussian whose log σ is a learned,
/// state-independent `[1, D]` parameter (continuous actions), as in CleanRL's
/// `ppo_continuous_action.py`. Actor and critic are two MLPs by default, or
/// one torso with two linear heads (`shared_torso`). Initialisation is
/// CleanRL's: orthogonal weights with gain √2 in hidden layers, 0.01 on the
/// policy head, 1 on the value head, zero biases.
///
///     let net = ActorCritic(observationSize: 4, actionSpace: .discrete(2),
///                           hyperparameters: h, rng: RandomStream(seed: 1, path: ["init"]))
///     tape.reset()
///     let out = net(tape.constant(obs, rows: 8, cols: 4), on: tape)   // PolicyOutputs
///     let logp = out.distribution.logProb(actions: indices) // [8, 1], θ-dependent
public final class ActorCritic {
    /// θ: every weight of actor and critic (and log σ), in a fixed order.
    public let parameters: ParameterSet
    public let observationSize: Int
    public let actionSpace: Space
    /// Action components: categories for discrete actions, D for a box.
    public let actionOutputs: Int
    let torso: MLP?
    let actorNetwork: MLP?
    let criticNetwork: MLP?
    let policyHead: Dense?
    let valueHead: Dense?
    /// log σ, `[1, D]` (continuous actions only).
    public let logStd: Parameter?

    /// Builds the networks, drawing initial weights from `rng` in a fixed order.
    public init(observationSize: Int, actionSpace: Space, hyperparameters h: PPOHyperparameters,
                rng: RandomStream) {
        precondition(observationSize > 0, "ActorCritic: observation size must be positive")
        self.observationSize = observationSize
        self.actionSpace = actionSpace
        let outs = Self.outputs(of: actionSpace)
        precondition(outs > 0, "ActorCritic: the action space has no components")
        actionOutputs = outs
        let params = ParameterSet()
        parameters = params
        let act = h.activation.activation
        let hidden = Initializer.orthogonal(gain: Float(2).squareRoot())
        if h.sharedTorso {
            let widths = [observationSize] + h.hiddenSizes
            torso = widths.count >= 2
                ? MLP(sizes: widths, activation: act, outputActivation: act, hiddenInitializer: hidden,
                      outputInitializer: hidden, in: params, rng: rng, name: "torso")
                : nil
            let features = widths[widths.count - 1]
            policyHead = Dense(features, outs, weightInitializer: .orthogonal(gain: 0.01),
                               in: params, rng: rng, name: "policy_head")
            valueHead = Dense(features, 1, weightInitializer: .orthogonal(gain: 1),
                              in: params, rng: rng, name: "value_head")
            actorNetwork = nil
            criticNetwork = nil
        } else {
            actorNetwork = MLP(sizes: [observationSize] + h.hiddenSizes + [outs], activation: act,
                               hiddenInitializer: hidden, outputInitializer: .orthogonal(gain: 0.01),
                               in: params, rng: rng, name: "actor")
            criticNetwork = MLP(sizes: [observationSize] + h.hiddenSizes + [1], activation: act,
                                hiddenInitializer: hidden, outputInitializer: .orthogonal(gain: 1),
                                in: params, rng: rng, name: "critic")
            torso = nil
            policyHead = nil
            valueHead = nil
        }
        if actionSpace.isDiscrete {
            logStd = nil
        } else {
            logStd = params.add("actor.log_std", rows: 1, cols: outs,
                                initializer: .constant(Float(h.initLogStd)), rng: rng)
        }
    }

    /// True for a categorical policy.
    public var isDiscrete: Bool { actionSpace.isDiscrete }

    /// π_θ(·|s) and V_θ(s) for a `[B, observationSize]` batch of observations.
    /// `value: false` skips the critic (acting) — `PolicyOutputs.value` is then nil.
    public func callAsFunction(_ observations: Tensor, on tape: Tape, value: Bool = true) -> PolicyOutputs {
        precondition(observations.cols == observationSize,
                     "ActorCritic: observations have \(observations.cols) columns, the network takes \(observationSize)")
        if let policyHead, let valueHead {
            let features = torso.map { $0(observations) } ?? observations
            return PolicyOutputs(distribution: distribution(policyHead(features), tape),
                                 value: value ? valueHead(features) : nil)
        }
        let v = value ? criticNetwork!(observations) : nil
        return PolicyOutputs(distribution: distribution(actorNetwork!(observations), tape), value: v)
    }

    /// V_θ(s) alone, `[B, 1]` (bootstrapping from truncated episodes).
    public func value(_ observations: Tensor) -> Tensor {
        if let valueHead {
            return valueHead(torso.map { $0(observations) } ?? observations)
        }
        return criticNetwork!(observations)
    }

    private func distribution(_ head: Tensor, _ tape: Tape) -> ActionDistribution {
        if let logStd {
            return .gaussian(DiagonalGaussian(mean: head, logStd: tape.bind(logStd)))
        }
        return .categorical(Categorical(logits: head))
    }
}
