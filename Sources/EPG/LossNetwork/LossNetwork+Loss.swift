import Autodiff

extension LossNetwork {
    /// L_φ of one minibatch, recorded on `data`'s tape:
    ///
    /// - `data`: the buffer's constant columns, `[n, layout.dataWidth]`, oldest row first;
    /// - `policy`: the θ-dependent columns `[n, layout.policyWidth]` recomputed by
    ///   the current policy on every buffer row (gradients reach θ through them
    ///   twice: via the context and via each minibatch row);
    /// - `memory`: `[1, memoryUnits]` when the network has memory units (a trainable
    ///   parameter inside a lifetime, or m₀ itself), nil otherwise;
    /// - `minibatch`: which buffer rows the loss averages over.
    ///
    /// Needs n ≥ `minimumRows`. `contextPolicy` (default: `policy`) is what
    /// the convolutions read in the policy columns — pass
    /// `policy.stopGradient()` to cut the context's path to θ (an ablation).
    public func loss(data: Tensor, policy: Tensor, memory: Tensor?, minibatch: UnsafeBufferPointer<Int32>,
                     contextPolicy: Tensor? = nil) -> Tensor {
        perRow(data: data, policy: policy, memory: memory, minibatch: minibatch, contextPolicy: contextPolicy).mean()
    }

    /// ℓᵢ for each minibatch row, `[B, 1]` (the loss is their mean).
    public func perRow(data: Tensor, policy: Tensor, memory: Tensor?, minibatch: UnsafeBufferPointer<Int32>,
                       contextPolicy: Tensor? = nil) -> Tensor {
        let n = data.rows
        precondition(data.cols == layout.dataWidth && policy.cols == layout.policyWidth && policy.rows == n,
                     "LossNetwork: data [\(data.rows), \(data.cols)] and policy [\(policy.rows), \(policy.cols)] do not match the layout (\(layout.dataWidth) + \(layout.policyWidth) columns)")
        precondition(n >= minimumRows, "LossNetwork: \(n) buffer rows, the convolutions need \(minimumRows)")
        precondition((memory == nil) == (layout.memoryUnits == 0), "LossNetwork: memory given iff memory_units > 0")
        func assemble(_ p: Tensor) -> Tensor {
            guard let memory else { return concat(data, p, axis: 1) }
            precondition(memory.rows == 1 && memory.cols == layout.memoryUnits, "LossNetwork: memory must be [1, \(layout.memoryUnits)]")
            return concat(data, p, memory.repeated(rows: n), axis: 1)
        }
        let rows = assemble(policy)
        var h = contextPolicy.map(assemble) ?? rows
        for conv in convolutions { h = conv(h) }
        let ctx = context(h.mean(axis: 0))
        let b = minibatch.count
        let head = concat(rows.gatherRows(minibatch), ctx.repeated(rows: b), axis: 1)
        return output(hidden(head))
    }
}
