import Environments

extension ActorCritic {
    /// The policy head's width: one logit per action, or one mean per action dimension.
    static func outputs(of actionSpace: Space) -> Int {
        switch actionSpace {
        case .discrete(let n): return n
        case .box(let low, _): return low.count
        }
    }

    /// |θ| of the network `init(observationSize:actionSpace:hyperparameters:rng:)`
    /// would build, computed without building it; nil when a size is not
    /// positive or the count overflows. Restores compare it with the
    /// parameters a file holds before allocating anything, so a spec that
    /// asks for a network larger than the file is refused at once.
    public static func parameterCount(observationSize: Int, actionSpace: Space,
                                      hyperparameters h: PPOHyperparameters) -> Int? {
        let outs = outputs(of: actionSpace)
        guard observationSize > 0, outs > 0, h.hiddenSizes.allSatisfy({ $0 > 0 }) else { return nil }
        var total = 0
        func add(_ v: Int?) -> Bool {
            guard let v else { return false }
            let (sum, overflow) = total.addingReportingOverflow(v)
            total = sum
            return !overflow
        }
        /// Weights and biases of dense layers between consecutive `sizes`.
        func mlp(_ sizes: [Int]) -> Int? {
            var n = 0
            for (a, b) in zip(sizes, sizes.dropFirst()) {
                let (w, o1) = a.multipliedReportingOverflow(by: b)
                let (layer, o2) = w.addingReportingOverflow(b)
                let (next, o3) = n.addingReportingOverflow(layer)
                if o1 || o2 || o3 { return nil }
                n = next
            }
            return n
        }
        if h.sharedTorso {
            let widths = [observationSize] + h.hiddenSizes
            let features = widths[widths.count - 1]
            guard add(mlp(widths)), add(mlp([features, outs])), add(mlp([features, 1])) else { return nil }
        } else {
            guard add(mlp([observationSize] + h.hiddenSizes + [outs])),
                  add(mlp([observationSize] + h.hiddenSizes + [1])) else { return nil }
        }
        if !actionSpace.isDiscrete { guard add(outs) else { return nil } }
        return total
    }
}
