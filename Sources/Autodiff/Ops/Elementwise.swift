/// Pointwise ops of one tensor, each with its derivative.
enum Unary {
    case neg, exp, log, tanh, sigmoid, relu, softplus, square, sqrt, abs
    case leakyRelu(Float)
    /// clamp(x, lo, hi); the gradient passes where lo ≤ x ≤ hi.
    case clamp(Float, Float)
    /// a·x + b (scalar arithmetic with a Float).
    case affine(Float, Float)
}

extension Tensor {
    /// −x.
    public static prefix func - (x: Tensor) -> Tensor { x.tape.unary(.neg, x) }
    /// eˣ.
    public func exp() -> Tensor { tape.unary(.exp, self) }
    /// ln x.
    public func log() -> Tensor { tape.unary(.log, self) }
    /// tanh x.
    public func tanh() -> Tensor { tape.unary(.tanh, self) }
    /// σ(x) = 1/(1 + e^{−x}).
    public func sigmoid() -> Tensor { tape.unary(.sigmoid, self) }
    /// max(x, 0).
    public func relu() -> Tensor { tape.unary(.relu, self) }
    /// x for x > 0, αx otherwise.
    public func leakyRelu(alpha: Float = 0.01) -> Tensor { tape.unary(.leakyRelu(alpha), self) }
    /// ln(1 + eˣ).
    public func softplus() -> Tensor { tape.unary(.softplus, self) }
    /// x².
    public func squared() -> Tensor { tape.unary(.square, self) }
    /// √x.
    public func sqrt() -> Tensor { tape.unary(.sqrt, self) }
    /// |x| (gradient sign(x), 0 at 0).
    public func abs() -> Tensor { tape.unary(.abs, self) }
    /// min(max(x, lo), hi) — PPO's clip(r, 1 − ε, 1 + ε).
    public func clamped(min lo: Float, max hi: Float) -> Tensor {
        require(lo <= hi, "clamped(min: \(lo), max: \(hi)): min exceeds max")
        return tape.unary(.clamp(lo, hi), self)
    }
    /// a·x + b.
    public func affine(scale a: Float, shift b: Float) -> Tensor { tape.unary(.affine(a, b), self) }

    /// The activation applied pointwise.
    public func activated(_ f: Activation) -> Tensor {
        switch f {
        case .identity: return self
        case .tanh: return tanh()
        case .relu: return relu()
        case .sigmoid: return sigmoid()
        case .leakyRelu(let a): return leakyRelu(alpha: a)
        case .softplus: return softplus()
        }
    }

    public static func + (x: Tensor, c: Float) -> Tensor { x.affine(scale: 1, shift: c) }
    public static func + (c: Float, x: Tensor) -> Tensor { x.affine(scale: 1, shift: c) }
    public static func - (x: Tensor, c: Float) -> Tensor { x.affine(scale: 1, shift: -c) }
    public static func - (c: Float, x: Tensor) -> Tensor { x.affine(scale: -1, shift: c) }
    public static func * (x: Tensor, c: Float) -> Tensor { x.affine(scale: c, shift: 0) }
    public static func * (c: Float, x: Tensor) -> Tensor { x.affine(scale: c, shift: 0) }
    public static func / (x: Tensor, c: Float) -> Tensor { x.affine(scale: 1 / c, shift: 0) }
    public static func / (c: Float, x: Tensor) -> Tensor { x.tape.scalar(c) / x }
}

extension Tape {
    func unary(_ kind: Unary, _ x: Tensor) -> Tensor {
        let xn = node(x).pointee
        let out = record(rows: xn.rows, cols: xn.cols, op: .unary(kind, x.id), needsGrad: xn.grad != nil)
        let y = nodes[Int(out.id)].value
        let v = xn.value
        let n = xn.count
        switch kind {
        case .neg: for i in 0..<n { y[i] = -v[i] }
        case .exp: for i in 0..<n { y[i] = fastExp(v[i]) }
        case .log: for i in 0..<n { y[i] = fastLog(v[i]) }
        case .tanh: for i in 0..<n { y[i] = fastTanh(v[i]) }
        case .sigmoid: for i in 0..<n { y[i] = fastSigmoid(v[i]) }
        case .relu: for i in 0..<n { y[i] = v[i] > 0 ? v[i] : 0 }
        case .softplus: for i in 0..<n { y[i] = fastSoftplus(v[i]) }
        case .square: for i in 0..<n { y[i] = v[i] * v[i] }
        case .sqrt: for i in 0..<n { y[i] = v[i].squareRoot() }
        case .abs: for i in 0..<n { y[i] = v[i] < 0 ? -v[i] : v[i] }
        case .leakyRelu(let a): for i in 0..<n { y[i] = v[i] > 0 ? v[i] : a * v[i] }
        case let .clamp(lo, hi):
            for i in 0..<n {
                let c = v[i] < lo ? lo : v[i]
                y[i] = c > hi ? hi : c
            }
        case let .affine(a, b): for i in 0..<n { y[i] = a * v[i] + b }
        }
        return out
    }

    /// dx = g · f′(x), f′ from the input x or the output y, whichever is cheaper.
    func pullbackUnary(_ kind: Unary, _ x: Int32, _ node: Node) {
        guard let (dx, ow) = sink(x) else { return }
        let g = node.grad!, y = node.value, v = nodes[Int(x)].value
        let n = node.count
        switch kind {
        case .neg: store(dx, ow, n) { -g[$0] }
        case .exp: store(dx, ow, n) { g[$0] * y[$0] }
        case .log: store(dx, ow, n) { g[$0] / v[$0] }
        case .tanh: store(dx, ow, n) { g[$0] * (1 - y[$0] * y[$0]) }
        case .sigmoid: store(dx, ow, n) { g[$0] * (y[$0] * (1 - y[$0])) }
        case .relu: store(dx, ow, n) { v[$0] > 0 ? g[$0] : 0 }
        case .softplus: store(dx, ow, n) { g[$0] * fastSigmoid(v[$0]) }
        case .square: store(dx, ow, n) { g[$0] * (2 * v[$0]) }
        case .sqrt: store(dx, ow, n) { g[$0] / (2 * y[$0]) }
        case .abs: store(dx, ow, n) { v[$0] > 0 ? g[$0] : (v[$0] < 0 ? -g[$0] : 0) }
        case .leakyRelu(let a): store(dx, ow, n) { v[$0] > 0 ? g[$0] : a * g[$0] }
        case let .clamp(lo, hi): store(dx, ow, n) { v[$0] >= lo && v[$0] <= hi ? g[$0] : 0 }
        case let .affine(a, _): store(dx, ow, n) { a * g[$0] }
        }
    }
}
