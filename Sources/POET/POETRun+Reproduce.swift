import Environments
import Evolution
import Random

extension POETRun {
    /// A candidate environment made by mutation.
    struct Child {
        var trial: Int
        var parent: Int
        var encoding: AnyEncoding
        var terrainSeed: UInt64
        /// The parent's agent's score in it (the first minimal-criterion test).
        var mcScore = Double.nan
        var novelty = 0.0
    }

    /// Step 1 of an iteration (POET's `adjust_envs_niches`). Draws come from
    /// the stream `(seed, ["poet-reproduce", t])` in this order: per trial the
    /// parent (uniform among eligible pairs), the mutation, the terrain seed.
    mutating func reproduce(summary: inout IterationSummary) throws {
        let t = iteration, poet = configuration.poet, mc = thresholds.minimalCriterion
        let eligible = pairs.indices.filter { pairs[$0].score >= thresholds.reproduction }
        guard !eligible.isEmpty else { return }
        totals.reproductions += 1
        let stream = RandomStream(seed: configuration.seed, path: ["poet-reproduce", .init(t)])
        var children: [Child] = []
        for trial in 0..<poet.maxChildren {
            let parent = eligible[stream.integer(below: eligible.count)]
            let encoding = try family.mutate(pairs[parent].encoding, stream: stream)
            let terrainSeed = stream.next64()
            // POET's `pass_dedup`: an environment already active (or just made) is not made twice.
            if pairs.contains(where: { $0.encoding == encoding }) || children.contains(where: { $0.encoding == encoding }) { continue }
            children.append(Child(trial: trial, parent: parent, encoding: encoding, terrainSeed: terrainSeed))
        }

        // The minimal criterion with the parent's agent.
        let childEnvironments = try children.map { try environment(of: $0.encoding, terrainSeed: $0.terrainSeed) }
        let genomes = pairs.map(\.genome)
        let (mcScores, mcSteps) = try engine.meanReturns(
            children.indices.map { (genome: children[$0].parent, environment: $0, seeds: childSeeds(t, children[$0].trial)) },
            genomes: genomes, environments: childEnvironments)
        summary.envSteps += mcSteps
        for i in children.indices { children[i].mcScore = mcScores[i] }
        var passing = children.filter { mc.admits($0.mcScore) }
        var passingEnvironments = children.indices.filter { mc.admits(children[$0].mcScore) }.map { childEnvironments[$0] }

        // Novelty against every environment created so far, most novel first.
        let novelty = try noveltyScores(of: passing, environments: passingEnvironments, summary: &summary)
        for i in passing.indices { passing[i].novelty = novelty[i] }
        let order = Novelty.rankDescending(novelty)
        passing = order.map { passing[$0] }
        passingEnvironments = order.map { passingEnvironments[$0] }

        // Admission: the best transferred agent must meet the criterion too.
        var admitted = 0
        var admittedTrials: [Int] = []
        for (k, child) in passing.enumerated() where admitted < poet.maxAdmitted {
            let seeds = childSeeds(t, child.trial)
            let (best, steps) = try bestTransfer(into: passingEnvironments[k], seeds: seeds,
                                                 key: .init(child.trial), criterion: mc)
            summary.envSteps += steps
            guard let best, mc.admits(best.score) else { continue }
            let pair = try makePair(encoding: child.encoding, terrainSeed: child.terrainSeed,
                                    parent: pairs[child.parent].id, novelty: child.novelty, genome: best.genome)
            admit(pair, mcScore: child.mcScore, source: best)
            admitted += 1
            admittedTrials.append(child.trial)
        }
        summary.admitted = admitted
        let candidates: [EventValue] = children.map { child in
            let ranked = passing.first { $0.trial == child.trial }
            return .object([
                ("trial", .int(child.trial)), ("parent", .int(pairs[child.parent].id)),
                ("encoding", .raw(child.encoding.json)), ("mc_score", .number(child.mcScore)),
                ("novelty", ranked.map { .number($0.novelty) } ?? .null),
                ("admitted", .bool(admittedTrials.contains(child.trial))),
            ])
        }
        events.append(POETEvent.line(t, "reproduction", [
            ("parents", .array(eligible.map { .int(pairs[$0].id) })), ("children", .int(children.count)),
            ("passed_mc", .int(passing.count)), ("admitted", .int(admitted)), ("candidates", .array(candidates)),
        ]))
        retireBeyondCapacity()
    }

    /// Episode seeds of the tests of child `trial` at iteration t.
    func childSeeds(_ t: Int, _ trial: Int) -> [UInt64] {
        (0..<configuration.poet.evalEpisodes).map {
            streamKey(seed: configuration.seed, path: ["poet-child", .init(t), .init(trial), .init($0)])
        }
    }

    /// POET's `remove_oldest`: beyond `capacity`, the oldest active pairs move to the archive.
    mutating func retireBeyondCapacity() {
        let n = CapacityRule.retirements(activeCount: pairs.count, capacity: configuration.poet.capacity)
        for _ in 0..<n {
            var pair = pairs.removeFirst()
            pair.retiredAt = iteration
            events.append(POETEvent.line(iteration, "retired", [
                ("env", .int(pair.id)), ("score", .number(pair.score)), ("solved", .bool(pair.solvedAt != nil)),
            ]))
            archive.append(pair)
        }
    }

    /// POET's `evaluate_transfer`: every active agent in the child, directly
    /// and (per `proposal_transfer`) after one ES step there; the best
    /// (first on ties). `passing` proposes only from agents whose direct
    /// score meets mc_low.
    func bestTransfer(into environment: any Environment, seeds: [UInt64], key: StreamPathComponent,
                      criterion: MinimalCriterion) throws -> (TransferCandidate?, Int) {
        let genomes = pairs.map(\.genome)
        let (direct, directSteps) = try engine.meanReturns(pairs.indices.map { (genome: $0, environment: 0, seeds: seeds) },
                                                       genomes: genomes, environments: [environment])
        var candidates = pairs.indices.map {
            TransferCandidate(source: pairs[$0].id, kind: .direct, score: direct[$0], genome: genomes[$0])
        }
        let proposers: [Int]
        switch configuration.poet.proposalTransfer {
        case .none: proposers = []
        case .all: proposers = Array(pairs.indices)
        case .passing: proposers = pairs.indices.filter { direct[$0] >= criterion.low }
        }
        var steps = directSteps
        if !proposers.isEmpty {
            var searches = try proposers.map { i in
                try strategy(seed: streamKey(seed: configuration.seed,
                                             path: ["poet-admit", .init(iteration), key, .init(pairs[i].id)]),
                             mean: genomes[i])
            }
            let (_, stepSteps) = try engine.step(&searches, environments: proposers.map { _ in environment },
                                                 episodes: configuration.poet.memberEpisodes)
            let (scores, evalSteps) = try engine.meanReturns(searches.indices.map { (genome: $0, environment: 0, seeds: seeds) },
                                                         genomes: searches.map(\.mean), environments: [environment])
            steps += stepSteps + evalSteps
            for (k, i) in proposers.enumerated() {
                candidates.append(TransferCandidate(source: pairs[i].id, kind: .proposal, score: scores[k], genome: searches[k].mean))
            }
        }
        var best: TransferCandidate? = nil
        for c in candidates where !c.score.isNaN && (best == nil || c.score > best!.score) { best = c }
        return (best, steps)
    }
}
