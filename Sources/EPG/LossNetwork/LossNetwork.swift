import Autodiff
import Random

/// The evolved loss L_φ of Evolved Policy Gradients (Houthooft et al. 2018):
/// a temporal-convolution network over the agent's last N steps that
/// outputs, per minibatch row, one number whose mean is the loss the agent's
/// optimizer descends. φ — every weight here — is a flat genome the outer
/// loop's ES perturbs; inside a lifetime φ is constant (`trainable = false`)
/// and gradients flow only into θ (through the policy columns of each row).
///
///     context = Dense( mean_t leaky(conv₂(leaky(conv₁(X)))) )        X: [n, width] buffer rows
///     ℓᵢ      = Dense₁( leaky( Dense₁₆([Xᵢ, context]) ) )           per minibatch row i
///     L_φ     = (1/B) Σᵢ ℓᵢ
///
/// Build one per thread (its `ParameterSet` belongs to one thread); loading
/// a genome is a copy.
public final class LossNetwork {
    public let layout: RowLayout
    public let section: LossNetworkSection
    /// φ: read as constants by every tape.
    public let parameters: ParameterSet
    let convolutions: [Conv1D]
    let context: Dense
    let hidden: Dense
    let output: Dense
    /// m₀, the memory units' initial value `[1, memoryUnits]` (nil without memory).
    public let initialMemory: Parameter?
    let slope: Float

    /// The network with φ₀ drawn from `rng` (Gaussian weights scaled by
    /// `init_scale`/√fan-in, zero biases, zero memory).
    public init(layout: RowLayout, section: LossNetworkSection, rng: RandomStream) {
        precondition(layout.memoryUnits == section.memoryUnits && layout.returnFeatures == section.returnFeatures,
                     "LossNetwork: layout and section disagree on memory units or return features")
        self.layout = layout
        self.section = section
        let phi = ParameterSet(trainable: false)
        parameters = phi
        slope = Float(section.leakySlope)
        let act = Activation.leakyRelu(slope)
        let gain = Float(section.initScale)
        var channels = layout.width
        var convs: [Conv1D] = []
        for (i, (k, (s, c))) in zip(section.convKernels, zip(section.convStrides, section.convChannels)).enumerated() {
            convs.append(Conv1D(inChannels: channels, outChannels: c, kernel: k, stride: s, activation: act,
                                weightInitializer: .scaledGaussian(gain: gain), in: phi, rng: rng, name: "conv\(i)"))
            channels = c
        }
        convolutions = convs
        context = Dense(channels, section.contextSize, weightInitializer: .scaledGaussian(gain: gain),
                        in: phi, rng: rng, name: "context")
        hidden = Dense(layout.width + section.contextSize, section.headHidden, activation: act,
                       weightInitializer: .scaledGaussian(gain: gain), in: phi, rng: rng, name: "head.hidden")
        output = Dense(section.headHidden, 1, weightInitializer: .scaledGaussian(gain: gain),
                       in: phi, rng: rng, name: "head.output")
        initialMemory = section.memoryUnits > 0
            ? phi.add("memory.initial", rows: 1, cols: section.memoryUnits, initializer: .zeros, rng: rng)
            : nil
    }

    /// |φ|, the genome's length.
    public var parameterCount: Int { parameters.count }

    /// φ as a flat genome.
    public var genome: [Float] { parameters.flatValues() }

    /// Loads a genome (throws when its length is not `parameterCount`).
    public func load(_ genome: [Float]) throws(ParameterError) { try parameters.setFlatValues(genome) }

    /// The rows the convolution stack needs at least (see `LossNetworkSection.minimumRows`).
    public var minimumRows: Int { section.minimumRows }

    /// φ₀ for a run: the network's initialisation drawn from `(seed, ["epg", "phi0"])`.
    public static func initialGenome(layout: RowLayout, section: LossNetworkSection, seed: UInt64) -> [Float] {
        LossNetwork(layout: layout, section: section, rng: RandomStream(seed: seed, path: ["epg", "phi0"])).genome
    }
}
