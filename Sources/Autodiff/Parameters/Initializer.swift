import Random

/// How a parameter's first values are drawn. Weights are `[fanIn, fanOut]`
/// (`Dense` computes x·W), so fan-in is the row count.
public enum Initializer: Sendable, Hashable {
    case zeros
    case constant(Float)
    /// N(0, σ²).
    case gaussian(sigma: Float)
    /// N(0, gain²/fanIn): variance-scaled ("LeCun"/"He" with gain 1/√2).
    case scaledGaussian(gain: Float)
    /// A random (semi-)orthogonal matrix times `gain` (Saxe et al. 2014), the
    /// PPO default: gain √2 for hidden layers, 0.01 for the policy head,
    /// 1 for the value head.
    case orthogonal(gain: Float)
    /// U[lower, upper).
    case uniform(lower: Float, upper: Float)

    /// Fills a `rows × cols` block, drawing from `rng` in a fixed order.
    public func fill(_ out: UnsafeMutableBufferPointer<Float>, rows: Int, cols: Int, rng: RandomStream) {
        require(out.count == rows * cols, "initializer: buffer of \(out.count) for [\(rows), \(cols)]")
        switch self {
        case .zeros: out.update(repeating: 0)
        case .constant(let c): out.update(repeating: c)
        case .gaussian(let sigma): rng.fill(gaussian: out, mean: 0, sigma: sigma)
        case .scaledGaussian(let gain):
            rng.fill(gaussian: out, mean: 0, sigma: gain / Float(rows).squareRoot())
        case .uniform(let lower, let upper): rng.fill(uniform: out, lower: lower, upper: upper)
        case .orthogonal(let gain): Initializer.orthogonal(out, rows: rows, cols: cols, gain: gain, rng: rng)
        }
    }

    /// Q from the QR decomposition of a Gaussian matrix, by modified
    /// Gram–Schmidt in Double on the taller orientation: with R's diagonal
    /// positive (as Gram–Schmidt makes it) Q is Haar-distributed. A tall W
    /// gets orthonormal columns (WᵀW = I), a wide one orthonormal rows.
    static func orthogonal(_ out: UnsafeMutableBufferPointer<Float>, rows: Int, cols: Int,
                           gain: Float, rng: RandomStream) {
        let tall = rows >= cols
        let m = tall ? rows : cols   // vector length
        let n = tall ? cols : rows   // number of orthonormal vectors
        var q = [Double](repeating: 0, count: m * n) // q[j*m + i]: vector j
        for j in 0..<n {
            while true {
                for i in 0..<m { q[j * m + i] = rng.gaussian() }
                // Subtract the projections on the earlier vectors (twice, for
                // orthogonality to round-off even when vectors are close).
                for _ in 0..<2 {
                    for p in 0..<j {
                        var dot = 0.0
                        for i in 0..<m { dot += q[p * m + i] * q[j * m + i] }
                        for i in 0..<m { q[j * m + i] -= dot * q[p * m + i] }
                    }
                }
                var norm = 0.0
                for i in 0..<m { norm += q[j * m + i] * q[j * m + i] }
                norm = norm.squareRoot()
                if norm > 1e-6 {
                    for i in 0..<m { q[j * m + i] /= norm }
                    break
                }
            }
        }
        for r in 0..<rows {
            for c in 0..<cols {
                let v = tall ? q[c * m + r] : q[r * m + c]
                out[r * cols + c] = Float(v) * gain
            }
        }
    }
}
