import Agents
import Autodiff

/// The θ-dependent block of L_φ's rows (`RowLayout.policyWidth` columns),
/// built on the tape from the current policy's outputs on the buffer:
///
///     discrete:    [ π(·|s) | log π(a|s) | r·log π(a|s) (| Ĝ·log π(a|s)) ]
///     continuous:  [ μ(s) | log σ | log π(a|s) | r·log π(a|s) (| Ĝ·log π(a|s)) ]
public enum PolicyColumns {
    /// `distribution` over n rows, the rows' actions, rewards `[n, 1]` and,
    /// with return features, standardised returns Ĝ `[n, 1]`.
    public static func make(_ distribution: ActionDistribution, actions: ActionBatch, rewards: Tensor,
                            returns: Tensor? = nil) -> Tensor {
        let logProb = distribution.logProb(actions)
        var parts: [Tensor]
        switch distribution {
        case .categorical(let c):
            parts = [c.probabilities()]
        case .gaussian(let g):
            let n = g.mean.rows
            parts = [g.mean, g.logStd.rows == n ? g.logStd : g.logStd.repeated(rows: n)]
        }
        parts += [logProb, logProb * rewards]
        if let returns { parts.append(logProb * returns) }
        return concat(parts, axis: 1)
    }
}
