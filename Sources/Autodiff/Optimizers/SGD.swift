/// Stochastic gradient descent with (optionally Nesterov) momentum μ:
///
///     u ← μu + g,   θ ← θ − α·u          (Nesterov: θ ← θ − α(g + μu))
public struct SGDRule: OptimizerRule {
    public static let name = "sgd"
    public static let slotCount = 1
    /// α, the step size.
    public var learningRate: Float
    /// μ, the momentum coefficient (0: plain SGD).
    public var momentum: Float
    /// Use Nesterov's look-ahead form.
    public var nesterov: Bool

    public init(learningRate: Float = 1e-2, momentum: Float = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public func update(values: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>,
                       slots: UnsafeMutablePointer<Float>, count: Int, step t: Int) {
        let lr = learningRate, mu = momentum
        if mu == 0 {
            for i in 0..<count { values[i] -= lr * gradients[i] }
            return
        }
        let u = slots
        if nesterov {
            for i in 0..<count {
                let ui = mu * u[i] + gradients[i]
                u[i] = ui
                values[i] -= lr * (gradients[i] + mu * ui)
            }
        } else {
            for i in 0..<count {
                let ui = mu * u[i] + gradients[i]
                u[i] = ui
                values[i] -= lr * ui
            }
        }
    }
}

/// SGD with momentum over a parameter set.
public typealias SGD = Optimizer<SGDRule>

extension Optimizer where Rule == SGDRule {
    public convenience init(for parameters: ParameterSet, learningRate: Float = 1e-2,
                            momentum: Float = 0, nesterov: Bool = false) {
        self.init(for: parameters, rule: SGDRule(learningRate: learningRate, momentum: momentum,
                                                  nesterov: nesterov))
    }
}
