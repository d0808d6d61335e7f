import Random

/// A multilayer perceptron: `Dense` layers of `sizes[0] → … → sizes.last`,
/// `activation` after every hidden layer and `outputActivation` after the
/// last. The CleanRL/PPO convention is the default: orthogonal weights with
/// gain √2 in hidden layers, `outputGain` on the last (0.01 for a policy
/// head, 1 for a value head), zero biases.
public struct MLP: Layer {
    public let layers: [Dense]

    public init(sizes: [Int], activation: Activation = .tanh, outputActivation: Activation = .identity,
                hiddenInitializer: Initializer = .orthogonal(gain: Float(2).squareRoot()),
                outputInitializer: Initializer = .orthogonal(gain: 1),
                in parameters: ParameterSet, rng: RandomStream, name: String = "mlp") {
        require(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 },
                "MLP needs at least an input and an output size, all positive; got \(sizes)")
        var layers: [Dense] = []
        for i in 0..<(sizes.count - 1) {
            let last = i == sizes.count - 2
            layers.append(Dense(sizes[i], sizes[i + 1],
                                activation: last ? outputActivation : activation,
                                weightInitializer: last ? outputInitializer : hiddenInitializer,
                                in: parameters, rng: rng, name: "\(name).\(i)"))
        }
        self.layers = layers
    }

    public var inputs: Int { layers[0].inputs }
    public var outputs: Int { layers[layers.count - 1].outputs }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        var h = x
        for i in layers.indices { h = layers[i](h) }
        return h
    }
}
