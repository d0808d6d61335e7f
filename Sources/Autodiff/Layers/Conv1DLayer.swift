import Random

/// 1-D convolution over time: `[T, inChannels] → [⌊(T − k)/s⌋ + 1, outChannels]`,
/// then `activation` (see `conv1d` for the exact sum). Weights
/// `[k·inChannels, outChannels]`, bias `[1, outChannels]`.
public struct Conv1D: Layer {
    public let weight: Parameter
    public let bias: Parameter?
    public let kernel: Int
    public let stride: Int
    public let activation: Activation

    public init(inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1,
                activation: Activation = .identity, useBias: Bool = true,
                weightInitializer: Initializer = .scaledGaussian(gain: 1),
                in parameters: ParameterSet, rng: RandomStream, name: String = "conv") {
        require(kernel > 0 && stride > 0 && inChannels > 0 && outChannels > 0,
                "Conv1D: kernel \(kernel), stride \(stride), channels \(inChannels)→\(outChannels) must be positive")
        weight = parameters.add("\(name).weight", rows: kernel * inChannels, cols: outChannels,
                                initializer: weightInitializer, rng: rng)
        bias = useBias ? parameters.add("\(name).bias", rows: 1, cols: outChannels,
                                        initializer: .zeros, rng: rng) : nil
        self.kernel = kernel
        self.stride = stride
        self.activation = activation
    }

    /// Output length for an input of `steps` rows.
    public func outputSteps(for steps: Int) -> Int { (steps - kernel) / stride + 1 }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let tape = x.tape
        let w = tape.bind(weight)
        let b = bias.map { tape.bind($0) }
        return tape.conv1d(x, w, b, kernel: kernel, stride: stride).activated(activation)
    }
}
