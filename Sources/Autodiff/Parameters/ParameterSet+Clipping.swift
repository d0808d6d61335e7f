/// Global-norm gradient clipping (Pascanu et al. 2013; PPO's
/// `max_grad_norm`): if ‖g‖₂ > c, g ← g · c/‖g‖₂.
extension ParameterSet {
    /// ‖∂L/∂θ‖₂ over the whole set (accumulated in Double).
    public func gradientNorm() -> Float {
        Float(sumOfSquaredGradients().squareRoot())
    }

    func sumOfSquaredGradients() -> Double {
        blockSum(gradients, count, squares: true)
    }

    /// Rescales the gradients so their global norm is at most `maxNorm`;
    /// returns the norm before clipping.
    @discardableResult
    public func clipGradients(maxNorm: Float) -> Float {
        require(maxNorm > 0, "clipGradients: maxNorm must be positive, got \(maxNorm)")
        let norm = gradientNorm()
        if norm > maxNorm { scaleGradients(by: maxNorm / norm) }
        return norm
    }

    /// g ← g · s.
    public func scaleGradients(by s: Float) {
        let g = gradients
        for i in 0..<count { g[i] *= s }
    }

    /// Clips several sets by their joint norm (an actor and a critic trained
    /// by one loss); returns the joint norm before clipping.
    @discardableResult
    public static func clipGradients(_ sets: [ParameterSet], maxNorm: Float) -> Float {
        require(maxNorm > 0, "clipGradients: maxNorm must be positive, got \(maxNorm)")
        var s = 0.0
        for set in sets { s += set.sumOfSquaredGradients() }
        let norm = Float(s.squareRoot())
        if norm > maxNorm {
            let scale = maxNorm / norm
            for set in sets { set.scaleGradients(by: scale) }
        }
        return norm
    }
}
