import Random

/// A fully connected layer y = f(x·W + b): `[B, inputs] → [B, outputs]`,
/// W `[inputs, outputs]`, b `[1, outputs]`, f an `Activation`. Runs as one
/// fused op (see `linear`).
public struct Dense: Layer {
    public let weight: Parameter
    public let bias: Parameter?
    public let activation: Activation

    /// Adds W (named "<name>.weight") and b ("<name>.bias") to `parameters`.
    public init(_ inputs: Int, _ outputs: Int, activation: Activation = .identity,
                useBias: Bool = true,
                weightInitializer: Initializer = .orthogonal(gain: Float(2).squareRoot()),
                biasInitializer: Initializer = .zeros,
                in parameters: ParameterSet, rng: RandomStream, name: String = "dense") {
        weight = parameters.add("\(name).weight", rows: inputs, cols: outputs,
                                initializer: weightInitializer, rng: rng)
        bias = useBias ? parameters.add("\(name).bias", rows: 1, cols: outputs,
                                        initializer: biasInitializer, rng: rng) : nil
        self.activation = activation
    }

    public var inputs: Int { weight.rows }
    public var outputs: Int { weight.cols }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let tape = x.tape
        let w = tape.bind(weight)
        let b = bias.map { tape.bind($0) }
        return tape.linear(x, w, b, activation)
    }
}
