import Environments
import Random

extension POETRun {
    /// Novelty of each child against every environment created so far
    /// (active and archived), the mean distance to its `novelty_k` nearest:
    /// by encoding (POET) or by PATA-EC (Enhanced POET).
    mutating func noveltyScores(of children: [Child], environments childEnvironments: [any Environment],
                                summary: inout IterationSummary) throws -> [Double] {
        guard !children.isEmpty else { return [] }
        let k = configuration.poet.noveltyK
        let existing = allPairs
        switch configuration.poet.novelty {
        case .encoding:
            return try children.map { child in
                Novelty.kNearestMean(try existing.map { try family.distance(child.encoding, $0.encoding) }, k: k)
            }
        case .pataEC:
            let (existingEC, childEC, steps) = try pataCharacterizations(existing: existing, children: children,
                                                                         childEnvironments: childEnvironments)
            summary.envSteps += steps
            return childEC.map { ec in Novelty.kNearestMean(existingEC.map { Novelty.euclidean(ec, $0) }, k: k) }
        }
    }

    /// PATA-EC vectors of the existing environments and of the children: the
    /// scores of every agent (active and archived, in that order) in each,
    /// on `eval_episodes` episodes from the seeds of
    /// `(seed, ["poet-pata", t, kind, index, e])`.
    func pataCharacterizations(existing: [Pair], children: [Child], childEnvironments: [any Environment]) throws
        -> (existing: [[Double]], children: [[Double]], steps: Int)
    {
        let t = iteration
        let environments = try existing.map(environment(of:)) + childEnvironments
        let genomes = existing.map(\.genome)
        var targets: [(genome: Int, environment: Int, seeds: [UInt64])] = []
        for e in environments.indices {
            let seeds = (0..<configuration.poet.evalEpisodes).map {
                streamKey(seed: configuration.seed, path: ["poet-pata", .init(t), .init(e), .init($0)])
            }
            for a in genomes.indices { targets.append((a, e, seeds)) }
        }
        let (scores, steps) = try engine.meanReturns(targets, genomes: genomes, environments: environments)
        let a = genomes.count
        let vectors = environments.indices.map { e in
            PATAEC.characterize(Array(scores[(e * a)..<((e + 1) * a)]), criterion: thresholds.minimalCriterion)
        }
        return (Array(vectors[..<existing.count]), Array(vectors[existing.count...]), steps)
    }
}
