import Random

/// A categorical distribution per row, from unnormalised logits `[B, K]`:
/// π(a|s) = softmax(logits)ₐ. Log-prob, entropy and KL are graph functions
/// (they differentiate back into the logits); sampling reads values only.
public struct Categorical {
    public let logits: Tensor
    /// log π(·|s), `[B, K]` (a log-softmax of the logits).
    public let logProbabilities: Tensor

    public init(logits: Tensor) {
        self.logits = logits
        logProbabilities = logits.logSoftmax()
    }

    /// Number of categories K.
    public var categories: Int { logits.cols }

    /// π(·|s), `[B, K]`.
    public func probabilities() -> Tensor { logProbabilities.exp() }

    /// log π(aᵢ|sᵢ) for one action per row, `[B, 1]`.
    public func logProb(_ actions: [Int]) -> Tensor { logProbabilities.pick(columns: actions) }

    /// log π(aᵢ|sᵢ) with actions from a buffer, `[B, 1]`.
    public func logProb(_ actions: UnsafeBufferPointer<Int32>) -> Tensor {
        logProbabilities.pick(columns: actions)
    }

    /// H(π(·|sᵢ)) = −Σₐ π log π, `[B, 1]`.
    public func entropy() -> Tensor {
        -(probabilities() * logProbabilities).sum(axis: 1)
    }

    /// KL(self ‖ other) = Σₐ p (log p − log q), `[B, 1]`.
    public func kl(to other: Categorical) -> Tensor {
        (probabilities() * (logProbabilities - other.logProbabilities)).sum(axis: 1)
    }

    /// One action per row by inverse CDF (one uniform draw per row).
    public func sample(rng: RandomStream) -> [Int] {
        var out = [Int](repeating: 0, count: logits.rows)
        out.withUnsafeMutableBufferPointer { sample(into: $0, rng: rng) }
        return out
    }

    /// Samples into a caller's buffer (no allocation).
    public func sample(into out: UnsafeMutableBufferPointer<Int>, rng: RandomStream) {
        require(out.count == logits.rows, "sample(into:): buffer of \(out.count) for \(logits.rows) rows")
        let k = categories
        logProbabilities.withUnsafeValues { lp in
            for r in 0..<logits.rows {
                let u = rng.uniform()
                var acc = 0.0
                var pick = k - 1
                for a in 0..<k {
                    acc += Double(fastExp(lp[r * k + a]))
                    if u < acc { pick = a; break }
                }
                out[r] = pick
            }
        }
    }

    /// The most probable action per row (the first on ties).
    public func mode() -> [Int] {
        let k = categories
        return logits.withUnsafeValues { v in
            (0..<logits.rows).map { r in
                var best = 0
                for a in 1..<max(k, 1) where v[r * k + a] > v[r * k + best] { best = a }
                return best
            }
        }
    }
}
