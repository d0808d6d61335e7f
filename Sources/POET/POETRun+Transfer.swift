import Environments
import Random
import Evolution

extension POETRun {
    /// Step 3 of an iteration (POET's `transfer`): every agent is tried in
    /// every other pair's environment as it is (direct transfer) and after one
    /// ES step there (proposal transfer: a generation from the candidate with
    /// the target's σ and Adam moments, which are not committed); each target
    /// then keeps its incumbent unless the best candidate beats the max of
    /// the incumbent's last `incumbent_window` self-evaluations
    /// (`TransferRule`). Decisions use the agents as they were before any
    /// replacement, so the order of pairs does not matter.
    mutating func transfer(summary: inout IterationSummary) throws {
        let t = iteration, n = pairs.count
        let environments = try pairs.map(environment(of:))
        let genomes = pairs.map(\.genome)
        let window = configuration.poet.incumbentWindow
        let seeds = pairs.map { evaluationSeeds(pair: $0.id, iteration: t) }

        // Direct: source i in target j.
        var directTargets: [(genome: Int, environment: Int, seeds: [UInt64])] = []
        for j in 0..<n { for i in 0..<n where i != j { directTargets.append((i, j, seeds[j])) } }
        let (direct, directSteps) = try engine.meanReturns(directTargets, genomes: genomes, environments: environments)
        summary.envSteps += directSteps
        var candidates = [[TransferCandidate]](repeating: [], count: n)
        for (k, target) in directTargets.enumerated() {
            candidates[target.environment].append(TransferCandidate(
                source: pairs[target.genome].id, kind: .direct, score: direct[k], genome: genomes[target.genome]))
        }

        // Proposal: one ES step of source i in target j.
        let bars = pairs.map { TransferRule.threshold(recentScores: $0.recentScores, window: window) }
        var proposals: [(source: Int, target: Int)] = []
        switch configuration.poet.proposalTransfer {
        case .none: break
        case .all: proposals = directTargets.map { (source: $0.genome, target: $0.environment) }
        case .passing:
            for (k, d) in directTargets.enumerated() where direct[k] > bars[d.environment] {
                proposals.append((d.genome, d.environment))
            }
        }
        let (proposed, proposalSteps) = try propose(proposals.map { (genome: genomes[$0.source], sourceID: pairs[$0.source].id, target: $0.target) },
                                                    environments: environments, seeds: seeds)
        summary.envSteps += proposalSteps
        for (k, p) in proposals.enumerated() {
            candidates[p.target].append(TransferCandidate(source: pairs[p.source].id, kind: .proposal,
                                                          score: proposed[k].score, genome: proposed[k].genome))
        }

        // Decisions, then replacements.
        for j in 0..<n {
            guard let winner = TransferRule.choose(candidates[j], recentScores: pairs[j].recentScores, window: window) else { continue }
            try adopt(winner, into: j, threshold: bars[j])
            summary.transfers += 1
        }
    }

    /// One ES generation from each candidate genome in pair `target`'s
    /// environment, seeded by (iteration, target, source), starting from the
    /// target's σ, Adam moments and generation (POET's `propose_with_adam`),
    /// then the proposed μ scored on `seeds[target]`.
    func propose(_ items: [(genome: [Float], sourceID: Int, target: Int)], environments: [any Environment],
                 seeds: [[UInt64]]) throws -> (proposals: [(score: Double, genome: [Float])], steps: Int) {
        guard !items.isEmpty else { return ([], 0) }
        let t = iteration
        var searches: [Strategy] = []
        for item in items {
            let target = pairs[item.target]
            let seed = streamKey(seed: configuration.seed,
                                 path: ["poet-proposal", .init(t), .init(target.id), .init(item.sourceID)])
            var state = target.strategy.state
            state.mean = item.genome
            state.best = nil
            searches.append(try Strategy(configuration: configuration.es.strategyConfiguration(seed: seed),
                                         restoring: state, threads: backend.threads))
        }
        let (_, stepSteps) = try engine.step(&searches, environments: items.map { environments[$0.target] },
                                             episodes: configuration.poet.memberEpisodes)
        let targets = items.indices.map { (genome: $0, environment: items[$0].target, seeds: seeds[items[$0].target]) }
        let (scores, evalSteps) = try engine.meanReturns(targets, genomes: searches.map(\.mean), environments: environments)
        return (items.indices.map { (scores[$0], searches[$0].mean) }, stepSteps + evalSteps)
    }

    /// Replaces pair j's agent by `winner`: a new agent epoch whose search
    /// starts at the candidate's θ with fresh Adam moments and σ/α schedules
    /// from their start (POET's `set_theta(reset_optimizer=True)`); the
    /// candidate's score counts as the pair's latest evaluation.
    mutating func adopt(_ winner: TransferCandidate, into j: Int, threshold: Double) throws {
        pairs[j].epoch += 1
        pairs[j].strategy = try strategy(seed: agentSeed(pair: pairs[j].id, epoch: pairs[j].epoch), mean: winner.genome)
        pairs[j].transfersIn += 1
        events.append(POETEvent.line(iteration, "transfer", [
            ("env", .int(pairs[j].id)), ("source", .int(winner.source)), ("kind", .string(winner.kind.rawValue)),
            ("score", .number(winner.score)), ("threshold", .number(threshold)),
        ]))
        record(winner.score, pair: j)
    }
}
