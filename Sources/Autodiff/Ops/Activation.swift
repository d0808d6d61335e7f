/// A pointwise nonlinearity that layers apply after their affine map.
///
/// Every case's derivative can be computed from its *output* y, which lets
/// `Dense` fuse it into one op with no pre-activation buffer:
/// tanh′ = 1 − y², σ′ = y(1 − y), relu′ = [y > 0], leaky′ = y > 0 ? 1 : α,
/// softplus′ = σ(x) = 1 − e^{−y}.
public enum Activation: Sendable, Hashable, Codable {
    case identity
    case tanh
    case relu
    case sigmoid
    /// max(x, αx) with 0 ≤ α < 1.
    case leakyRelu(Float)
    case softplus

    /// The names accepted in configs: identity, tanh, relu, sigmoid,
    /// leaky_relu (α = 0.01 unless written `leaky_relu:0.2`), softplus.
    public init?(name: String) {
        switch name {
        case "identity", "linear", "none": self = .identity
        case "tanh": self = .tanh
        case "relu": self = .relu
        case "sigmoid": self = .sigmoid
        case "softplus": self = .softplus
        case "leaky_relu", "leakyrelu": self = .leakyRelu(0.01)
        default:
            let parts = name.split(separator: ":")
            guard parts.count == 2, parts[0] == "leaky_relu", let a = Float(parts[1]),
                  a >= 0, a < 1 else { return nil }
            self = .leakyRelu(a)
        }
    }

    /// Every accepted name, for error messages.
    public static let names = ["identity", "tanh", "relu", "sigmoid", "leaky_relu", "softplus"]

    /// y = f(x) in place over `n` values.
    @inline(__always)
    func apply(_ y: UnsafeMutablePointer<Float>, _ n: Int) {
        switch self {
        case .identity: break
        case .tanh: for i in 0..<n { y[i] = fastTanh(y[i]) }
        case .relu: for i in 0..<n { y[i] = y[i] > 0 ? y[i] : 0 }
        case .sigmoid: for i in 0..<n { y[i] = fastSigmoid(y[i]) }
        case .leakyRelu(let a): for i in 0..<n { y[i] = y[i] > 0 ? y[i] : a * y[i] }
        case .softplus: for i in 0..<n { y[i] = fastSoftplus(y[i]) }
        }
    }

    /// g ← g · f′ in place, f′ taken from the outputs y.
    @inline(__always)
    func backprop(_ g: UnsafeMutablePointer<Float>, output y: UnsafePointer<Float>, _ n: Int) {
        switch self {
        case .identity: break
        case .tanh: for i in 0..<n { g[i] *= 1 - y[i] * y[i] }
        case .relu: for i in 0..<n { g[i] = y[i] > 0 ? g[i] : 0 }
        case .sigmoid: for i in 0..<n { g[i] *= y[i] * (1 - y[i]) }
        case .leakyRelu(let a): for i in 0..<n { g[i] = y[i] > 0 ? g[i] : a * g[i] }
        case .softplus: for i in 0..<n { g[i] *= 1 - fastExp(-y[i]) }
        }
    }
}
