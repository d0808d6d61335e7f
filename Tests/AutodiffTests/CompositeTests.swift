@testable import Autodiff
import Random
import XCTest

/// Whole losses of the kind the agents train with, checked end to end
/// against finite differences with respect to every parameter and input.
final class CompositeTests: XCTestCase {
    let batch = 6

    /// Vanilla policy gradient: L = −mean(log π(aᵢ|sᵢ) · Âᵢ).
    func testPolicyGradientLoss() {
        let params = ParameterSet()
        let policy = MLP(sizes: [4, 16, 3], activation: .tanh, in: params, rng: RandomStream(seed: 1, path: ["pg"]))
        let actions = [0, 2, 1, 1, 0, 2]
        let advantages = values(batch, seed: 2, -2, 2)
        assertGradients([input(batch, 4, seed: 3)], parameters: [params]) { tape, v in
            let logp = Categorical(logits: policy(v[0])).logProb(actions)
            return -(logp * tape.constant(advantages, rows: batch, cols: 1)).mean()
        }
    }

    /// PPO's clipped surrogate (Schulman et al. 2017) with a value loss and an
    /// entropy bonus: r = exp(log π − log π_old), L = −mean(min(r·Â,
    /// clip(r, 1 − ε, 1 + ε)·Â)) + c₁·½·mean((V − R)²) − c₂·mean(H).
    func testPPOClippedLossWithCategoricalPolicy() {
        let params = ParameterSet()
        let rng = RandomStream(seed: 4, path: ["ppo"])
        let actor = MLP(sizes: [4, 16, 3], activation: .tanh, in: params, rng: rng, name: "actor")
        let critic = MLP(sizes: [4, 16, 1], activation: .tanh, in: params, rng: rng, name: "critic")
        let actions = [1, 0, 2, 2, 1, 0]
        let obs = input(batch, 4, seed: 5)
        let advantages = values(batch, seed: 6, -2, 2, avoiding: [0], by: 0.3)
        let returns = values(batch, seed: 7, -1, 1)
        // Old log-probs shifted so that some ratios sit inside the clip range
        // and some beyond it on either side (far from the kinks at 1 ± ε).
        let tape = Tape()
        let current = Categorical(logits: actor(tape.constant(obs.values, rows: batch, cols: 4))).logProb(actions).values
        let shifts: [Float] = [-0.6, -0.05, 0.05, 0.6, 0.4, -0.4]
        let oldLogp = zip(current, shifts).map { $0 - $1 }
        let epsilon: Float = 0.2
        assertGradients([obs], parameters: [params]) { tape, v in
            let dist = Categorical(logits: actor(v[0]))
            let ratio = (dist.logProb(actions) - tape.constant(oldLogp, rows: batch, cols: 1)).exp()
            let adv = tape.constant(advantages, rows: batch, cols: 1)
            let surrogate = minimum(ratio * adv, ratio.clamped(min: 1 - epsilon, max: 1 + epsilon) * adv)
            let valueLoss = (critic(v[0]) - tape.constant(returns, rows: batch, cols: 1)).squared().mean() * 0.5
            return -surrogate.mean() + 0.5 * valueLoss - 0.01 * dist.entropy().mean()
        }
    }

    /// The same surrogate with a diagonal Gaussian policy and a learned,
    /// state-independent log σ.
    func testPPOClippedLossWithGaussianPolicy() {
        let params = ParameterSet()
        let rng = RandomStream(seed: 8, path: ["ppo-gauss"])
        let actor = MLP(sizes: [3, 8, 2], activation: .tanh, in: params, rng: rng)
        let logStd = params.add("log_std", rows: 1, cols: 2, initializer: .constant(-0.3), rng: rng)
        let obs = input(batch, 3, seed: 9)
        let actions = values(batch * 2, seed: 10, -1, 1)
        let advantages = values(batch, seed: 11, -2, 2, avoiding: [0], by: 0.3)
        let tape = Tape()
        let current = DiagonalGaussian(mean: actor(tape.constant(obs.values, rows: batch, cols: 3)),
                                       logStd: tape.bind(logStd)).logProb(tape.constant(actions, rows: batch, cols: 2)).values
        let shifts: [Float] = [0.5, -0.05, 0.05, -0.5, 0.3, -0.35]
        let oldLogp = zip(current, shifts).map { $0 - $1 }
        assertGradients([obs], parameters: [params]) { tape, v in
            let dist = DiagonalGaussian(mean: actor(v[0]), logStd: tape.bind(logStd))
            let ratio = (dist.logProb(tape.constant(actions, rows: batch, cols: 2))
                - tape.constant(oldLogp, rows: batch, cols: 1)).exp()
            let adv = tape.constant(advantages, rows: batch, cols: 1)
            let surrogate = minimum(ratio * adv, ratio.clamped(min: 0.8, max: 1.2) * adv)
            return -surrogate.mean() - 0.01 * dist.entropy().mean()
        }
    }

    /// An EPG-style learned loss (Houthooft et al. 2018): a temporal
    /// convolution over the buffer of recent steps, averaged over time, gives
    /// a context vector; each sample's features, the policy's outputs and the
    /// context go through a small MLP whose mean is the loss. Gradients flow
    /// into the loss network φ, the policy θ and the buffer.
    func testEPGStyleLoss() {
        let phi = ParameterSet(), theta = ParameterSet()
        let rng = RandomStream(seed: 17, path: ["epg"])
        let policy = MLP(sizes: [3, 8, 2], activation: .tanh, in: theta, rng: rng, name: "policy")
        let conv = Conv1D(inChannels: 5, outChannels: 4, kernel: 3, stride: 2, activation: .tanh, in: phi, rng: rng)
        let toContext = Dense(4, 3, activation: .tanh, in: phi, rng: rng, name: "context")
        let hidden = Dense(2 + 2 + 3, 16, in: phi, rng: rng, name: "hidden")
        let out = Dense(16, 1, in: phi, rng: rng, name: "out")
        let buffer = input(11, 5, seed: 13)     // [T, C]
        let features = input(batch, 2, seed: 14) // per-sample terms (reward, done, …)
        let observations = input(batch, 3, seed: 15)
        func hiddenPreActivations(_ v: [Tensor]) -> Tensor {
            let context = toContext(conv(v[0]).mean(axis: 0))                  // [1, 3]
            let perSample = concat(v[1], policy(v[2]), context.repeated(rows: batch), axis: 1)
            return hidden(perSample)
        }
        // Leaky relu has a kink at 0: a finite difference straddling it is
        // meaningless. With h = 10⁻³ no perturbation moves a pre-activation by
        // more than a few 10⁻³, so a margin of 0.01 keeps every one on its side.
        let tape = Tape()
        let z = hiddenPreActivations([buffer, features, observations].map { tape.constant($0.values, rows: $0.rows, cols: $0.cols) })
        XCTAssertGreaterThan(z.values.map(Swift.abs).min()!, 0.01, "choose inputs whose pre-activations avoid the kink")
        let report = GradientCheck.run(inputs: [buffer, features, observations], parameters: [phi, theta], step: 1e-3) { _, v in
            out(hiddenPreActivations(v).leakyRelu(alpha: 0.1)).mean()
        }
        XCTAssertTrue(report.passed, report.description)
        XCTAssertEqual(report.checked, 11 * 5 + batch * 2 + batch * 3 + phi.count + theta.count)
    }
}
