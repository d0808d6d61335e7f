/// A differentiable function with its own parameters, applied to a tensor on
/// a tape: `let y = layer(x)`. Layers hold `Parameter` handles into a
/// `ParameterSet` and bind them on `x`'s tape in their forward pass.
public protocol Layer {
    func callAsFunction(_ x: Tensor) -> Tensor
}
