import Foundation

/// Adam (Kingma & Ba 2015) with bias correction:
///
///     m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
///     θ ← θ − α · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
public struct AdamRule: OptimizerRule {
    public static let name = "adam"
    public static let slotCount = 2
    /// α, the step size.
    public var learningRate: Float
    /// β₁, decay of the first-moment estimate m.
    public var beta1: Float
    /// β₂, decay of the second-moment estimate v.
    public var beta2: Float
    /// ε, added to √v̂ for numerical safety.
    public var epsilon: Float

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public func update(values: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>,
                       slots: UnsafeMutablePointer<Float>, count: Int, step t: Int) {
        let m = slots, v = slots + count
        let b1 = beta1, b2 = beta2, c1 = 1 - beta1, c2 = 1 - beta2, lr = learningRate, eps = epsilon
        // Bias corrections in Double: βᵗ underflows gracefully and stays exact.
        let inv1 = Float(1 / (1 - pow(Double(b1), Double(t))))
        let inv2 = Float(1 / (1 - pow(Double(b2), Double(t))))
        for i in 0..<count {
            let g = gradients[i]
            let mi = b1 * m[i] + c1 * g
            let vi = b2 * v[i] + c2 * (g * g)
            m[i] = mi
            v[i] = vi
            values[i] -= lr * (mi * inv1) / ((vi * inv2).squareRoot() + eps)
        }
    }
}

/// Adam over a parameter set.
public typealias Adam = Optimizer<AdamRule>

extension Optimizer where Rule == AdamRule {
    public convenience init(for parameters: ParameterSet, learningRate: Float = 1e-3,
                            beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.init(for: parameters, rule: AdamRule(learningRate: learningRate, beta1: beta1,
                                                   beta2: beta2, epsilon: epsilon))
    }
}
