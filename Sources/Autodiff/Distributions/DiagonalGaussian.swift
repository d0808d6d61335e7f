import Random

/// A Gaussian with diagonal covariance per row: N(μᵢ, diag(σ²)), mean `[B, D]`,
/// log σ either `[1, D]` (a state-independent parameter, the PPO default) or
/// `[B, D]`. Log-prob, entropy and KL are graph functions.
public struct DiagonalGaussian {
    public let mean: Tensor
    public let logStd: Tensor

    static let halfLog2Pi: Float = 0.918_938_533_204_672_7 // ½ ln 2π

    public init(mean: Tensor, logStd: Tensor) {
        require(logStd.cols == mean.cols && (logStd.rows == 1 || logStd.rows == mean.rows),
                "DiagonalGaussian: logStd [\(logStd.rows), \(logStd.cols)] for mean [\(mean.rows), \(mean.cols)]")
        self.mean = mean
        self.logStd = logStd
    }

    /// Dimension D.
    public var dimensions: Int { mean.cols }

    /// log N(xᵢ; μᵢ, σ²) = Σ_d [−½((x − μ)/σ)² − log σ] − (D/2) ln 2π, `[B, 1]`.
    public func logProb(_ x: Tensor) -> Tensor {
        let z = (x - mean) * (-logStd).exp()
        return (z.squared() * -0.5 - logStd).sum(axis: 1) - Float(dimensions) * Self.halfLog2Pi
    }

    /// H = Σ_d (log σ + ½ ln 2πe), `[B, 1]`.
    public func entropy() -> Tensor {
        let perRow = logStd.rows == 1 && mean.rows > 1 ? logStd.repeated(rows: mean.rows) : logStd
        return perRow.sum(axis: 1) + Float(dimensions) * (Self.halfLog2Pi + 0.5)
    }

    /// KL(self ‖ q) = Σ_d [log σq − log σp + (σp² + (μp − μq)²) / (2σq²) − ½], `[B, 1]`.
    public func kl(to q: DiagonalGaussian) -> Tensor {
        let varP = (logStd * 2).exp()
        let varQ = (q.logStd * 2).exp()
        let diff = mean - q.mean
        let terms = (q.logStd - logStd) + (varP + diff.squared()) / (varQ * 2) - 0.5
        let perRow = terms.rows == 1 && mean.rows > 1 ? terms.repeated(rows: mean.rows) : terms
        return perRow.sum(axis: 1)
    }

    /// μ + σ·ε with ε ~ N(0, I), one row per sample, row-major `[B·D]`.
    public func sample(rng: RandomStream) -> [Float] {
        var out = [Float](repeating: 0, count: mean.count)
        out.withUnsafeMutableBufferPointer { sample(into: $0, rng: rng) }
        return out
    }

    /// Samples into a caller's buffer (no allocation).
    public func sample(into out: UnsafeMutableBufferPointer<Float>, rng: RandomStream) {
        require(out.count == mean.count, "sample(into:): buffer of \(out.count) for \(mean.count) values")
        let d = dimensions
        rng.fill(gaussian: out)
        mean.withUnsafeValues { mu in
            logStd.withUnsafeValues { ls in
                for i in 0..<out.count {
                    let row = logStd.rows == 1 ? 0 : i / d
                    out[i] = mu[i] + fastExp(ls[row * d + i % d]) * out[i]
                }
            }
        }
    }
}
