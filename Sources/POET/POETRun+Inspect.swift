import Environments

extension POETRun {
    /// `populus inspect`'s lines: the family and thresholds, ANNECS, then
    /// every active and archived environment with its encoding and scores.
    public func inspection() -> [(label: String, value: String)] {
        let es = configuration.es
        var lines: [(label: String, value: String)] = [
            ("env", "\(family.name): \(family.summary)"
                + (configuration.poet.maxSteps.map { "; episodes cut at \($0) steps (poet.max_steps)" } ?? "")),
            ("policy", rollout.network.sizes.map(String.init).joined(separator: "-") + " \(configuration.policy.activation.rawValue), \(rollout.network.parameterCount) parameters"),
            ("agents", "\(es.strategy.rawValue), population \(es.populationSize)\(es.antithetic ? " (antithetic)" : ""), \(es.shaping.rawValue), \(es.optimizer), L2 \(es.weightDecay)"),
            ("thresholds", "minimal criterion \(thresholds.minimalCriterion), reproduce ≥ \(fmt(thresholds.reproduction)), solved ≥ \(fmt(thresholds.solved))"),
            ("ANNECS", "\(annecs) (environments created after the first, admitted under the minimal criterion, later solved)"),
            ("created", "\(nextID) environments (\(pairs.count) active of capacity \(configuration.poet.capacity), \(archive.count) archived)"),
            ("transfers", "\(totals.transfers) accepted; \(totals.reproductions) reproduction rounds; \(totals.envSteps) environment steps"),
        ]
        for p in pairs { lines.append(("active \(p.id)", describe(p))) }
        for p in archive { lines.append(("archived \(p.id)", describe(p))) }
        return lines
    }

    /// One environment for people: encoding, scores, lineage.
    public func describe(_ p: Pair) -> String {
        var s = "\(p.encoding) | score \(fmt(p.score)), best \(fmt(p.bestScore))"
        s += p.solvedAt.map { ", solved at \($0)" } ?? ", unsolved"
        s += " | " + (p.parent.map { "child of \($0) at \(p.createdAt), novelty \(fmt(p.novelty))" } ?? "the initial environment")
        if let r = p.retiredAt { s += ", retired at \(r)" }
        if p.transfersIn > 0 { s += ", \(p.transfersIn) transfer\(p.transfersIn == 1 ? "" : "s") in" }
        return s + " | terrain seed \(p.terrainSeed)"
    }
}

/// A score for people: "231.5", "-100", "nan".
func fmt(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
    return String((v * 10).rounded() / 10)
}
