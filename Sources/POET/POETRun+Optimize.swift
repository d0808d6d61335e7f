import Environments
import Evolution

extension POETRun {
    /// Step 2 of an iteration: one ES generation for every pair's agent in
    /// its own environment (antithetic, centered ranks, Adam, L2 — the `es`
    /// section), all pairs' members in one parallel pass; then every agent's
    /// new μ is self-evaluated on `eval_episodes` episodes.
    mutating func optimize(summary: inout IterationSummary) throws {
        guard !pairs.isEmpty else { return }
        let t = iteration
        let environments = try pairs.map(environment(of:))
        var strategies = pairs.map(\.strategy)
        let (_, esSteps) = try engine.step(&strategies, environments: environments,
                                           episodes: configuration.poet.memberEpisodes)
        for i in pairs.indices { pairs[i].strategy = strategies[i] }
        let genomes = pairs.map(\.genome)
        let targets = pairs.indices.map { (genome: $0, environment: $0, seeds: evaluationSeeds(pair: pairs[$0].id, iteration: t)) }
        let (scores, evalSteps) = try engine.meanReturns(targets, genomes: genomes, environments: environments)
        summary.envSteps += esSteps + evalSteps
        for i in pairs.indices { record(scores[i], pair: i) }
    }

    /// Records a score for `pairs[i]` and logs a first solve.
    mutating func record(_ score: Double, pair i: Int) {
        let solved = pairs[i].record(score, iteration: iteration, window: configuration.poet.incumbentWindow,
                                     solvedThreshold: thresholds.solved)
        if solved {
            events.append(POETEvent.line(iteration, "solved", [("env", .int(pairs[i].id)), ("score", .number(score))]))
        }
    }
}
