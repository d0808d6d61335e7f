import Foundation

/// The optimizer that moves the search mean μ along the estimated gradient g
/// of expected fitness. Every optimizer ASCENDS (fitness is maximised):
/// μ ← μ + Δ with Δ = step(g). The base (`Strategy.tell`) owns the moment
/// buffers in `MeanOptimizerState`, so each case below is only its update rule.
///
/// In a configuration: `adam`, `sgd`, `clipup`, or one of
/// `{adam: {beta1, beta2, epsilon}}`, `{sgd: {momentum}}`,
/// `{clipup: {momentum, max_speed}}`.
public enum MeanOptimizer: Sendable, Equatable {
    /// SGD with momentum in OpenAI-ES's form (Salimans et al. 2017, their
    /// `optimizers.py`): v ← m·v + (1 − m)·g, Δ = α·v.
    case sgd(momentum: Float)
    /// Adam (Kingma & Ba 2015): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
    /// Δ = α · m̂ / (√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
    case adam(beta1: Float, beta2: Float, epsilon: Float)
    /// ClipUp (Toklu et al. 2020): v ← m·v + α·g/‖g‖, then v ← v·v_max/‖v‖
    /// when ‖v‖ > v_max; Δ = v. `maxSpeed` nil means v_max = 2α (the paper's
    /// rule of thumb α = v_max/2).
    case clipUp(momentum: Float, maxSpeed: Float?)

    /// Adam with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    public static let adam = MeanOptimizer.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    /// Plain gradient ascent, Δ = α·g.
    public static let sgd = MeanOptimizer.sgd(momentum: 0)
    /// ClipUp with momentum 0.9 and v_max = 2α.
    public static let clipUp = MeanOptimizer.clipUp(momentum: 0.9, maxSpeed: nil)

    /// Fresh moment buffers for a `dimension`-long mean.
    public func initialState(dimension: Int) -> MeanOptimizerState {
        switch self {
        case .sgd, .clipUp:
            return MeanOptimizerState(step: 0, first: [Float](repeating: 0, count: dimension), second: [])
        case .adam:
            return MeanOptimizerState(step: 0, first: [Float](repeating: 0, count: dimension),
                                  second: [Float](repeating: 0, count: dimension))
        }
    }

    /// One ascent step: returns Δ (to be added to μ) for gradient `g` at
    /// learning rate α, updating the moments in `state`.
    public func step(_ g: [Float], learningRate alpha: Float, state: inout MeanOptimizerState) -> [Float] {
        precondition(state.first.count == g.count, "optimizer state does not match the gradient's dimension")
        state.step += 1
        var delta = [Float](repeating: 0, count: g.count)
        switch self {
        case .sgd(let m):
            for j in g.indices {
                state.first[j] = m * state.first[j] + (1 - m) * g[j]
                delta[j] = alpha * state.first[j]
            }
        case .adam(let b1, let b2, let eps):
            let t = Double(state.step)
            let c1 = Float(1 - pow(Double(b1), t)), c2 = Float(1 - pow(Double(b2), t))
            for j in g.indices {
                state.first[j] = b1 * state.first[j] + (1 - b1) * g[j]
                state.second[j] = b2 * state.second[j] + (1 - b2) * g[j] * g[j]
                let mHat = state.first[j] / c1, vHat = state.second[j] / c2
                delta[j] = alpha * mHat / (vHat.squareRoot() + eps)
            }
        case .clipUp(let m, let maxSpeed):
            let vMax = maxSpeed ?? 2 * alpha
            let gNorm = euclideanNorm(g)
            let scale = gNorm > 0 ? alpha / Float(gNorm) : 0
            for j in g.indices { state.first[j] = m * state.first[j] + scale * g[j] }
            let vNorm = euclideanNorm(state.first)
            if vNorm > Double(vMax) {
                let shrink = Float(Double(vMax) / vNorm)
                for j in g.indices { state.first[j] *= shrink }
            }
            delta = state.first
        }
        return delta
    }

    func problems() -> [SettingProblem] {
        func unit(_ v: Float, _ name: String) -> [SettingProblem] {
            v >= 0 && v < 1 ? [] : [SettingProblem(key: "optimizer", "\(name) must be in [0, 1), got \(v)")]
        }
        switch self {
        case .sgd(let m): return unit(m, "momentum")
        case .adam(let b1, let b2, let eps):
            return unit(b1, "beta1") + unit(b2, "beta2")
                + (eps > 0 && eps.isFinite ? [] : [SettingProblem(key: "optimizer", "epsilon must be > 0, got \(eps)")])
        case .clipUp(let m, let maxSpeed):
            let speed = maxSpeed.map { $0 > 0 && $0.isFinite } ?? true
            return unit(m, "momentum") + (speed ? [] : [SettingProblem(key: "optimizer", "max_speed must be > 0, got \(maxSpeed!)")])
        }
    }
}

/// The optimizer's per-coordinate moments and its step count t.
/// SGD and ClipUp keep a velocity in `first`; Adam keeps m in `first` and v in `second`.
public struct MeanOptimizerState: Sendable, Equatable, Codable {
    public var step: Int
    public var first: [Float]
    public var second: [Float]

    public init(step: Int, first: [Float], second: [Float]) {
        self.step = step
        self.first = first
        self.second = second
    }
}

/// ‖x‖₂, accumulated in Double (in index order, so the result is reproducible).
@inlinable
public func euclideanNorm(_ x: [Float]) -> Double {
    var s = 0.0
    for v in x { s += Double(v) * Double(v) }
    return s.squareRoot()
}

extension MeanOptimizer: Codable {
    private enum Kind: String, CodingKey, CaseIterable { case sgd, adam, clipup }
    private enum Field: String, CodingKey { case momentum, beta1, beta2, epsilon, max_speed }

    public init(from decoder: Decoder) throws {
        let accepted = "an optimizer is one of adam, sgd, clipup, or {adam: {beta1, beta2, epsilon}}, {sgd: {momentum}}, {clipup: {momentum, max_speed}}"
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            switch name.lowercased() {
            case "adam": self = .adam
            case "sgd": self = .sgd
            case "clipup": self = .clipUp
            default:
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "unknown optimizer '\(name)': \(accepted)"))
            }
            return
        }
        let kinds = try decoder.container(keyedBy: Kind.self)
        guard kinds.allKeys.count == 1, let kind = kinds.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: accepted))
        }
        let f = try kinds.nestedContainer(keyedBy: Field.self, forKey: kind)
        switch kind {
        case .sgd:
            self = .sgd(momentum: try f.decodeIfPresent(Float.self, forKey: .momentum) ?? 0)
        case .adam:
            self = .adam(beta1: try f.decodeIfPresent(Float.self, forKey: .beta1) ?? 0.9,
                         beta2: try f.decodeIfPresent(Float.self, forKey: .beta2) ?? 0.999,
                         epsilon: try f.decodeIfPresent(Float.self, forKey: .epsilon) ?? 1e-8)
        case .clipup:
            self = .clipUp(momentum: try f.decodeIfPresent(Float.self, forKey: .momentum) ?? 0.9,
                           maxSpeed: try f.decodeIfPresent(Float.self, forKey: .max_speed))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var kinds = encoder.container(keyedBy: Kind.self)
        switch self {
        case .sgd(let m):
            var f = kinds.nestedContainer(keyedBy: Field.self, forKey: .sgd)
            try f.encode(m, forKey: .momentum)
        case .adam(let b1, let b2, let eps):
            var f = kinds.nestedContainer(keyedBy: Field.self, forKey: .adam)
            try f.encode(b1, forKey: .beta1)
            try f.encode(b2, forKey: .beta2)
            try f.encode(eps, forKey: .epsilon)
        case .clipUp(let m, let maxSpeed):
            var f = kinds.nestedContainer(keyedBy: Field.self, forKey: .clipup)
            try f.encode(m, forKey: .momentum)
            try f.encodeIfPresent(maxSpeed, forKey: .max_speed)
        }
    }
}
