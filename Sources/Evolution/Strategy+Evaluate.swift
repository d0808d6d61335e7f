import Parallel
import Random

/// Everything an evaluation closure may need about the candidate it scores.
public struct EvaluationContext: Sendable {
    /// Which member (generation, index, noise index, sign).
    public let member: Member
    /// Which of the candidate's episodes/tasks this is (0..<episodes).
    public let episode: Int
    /// Common random numbers: the seed for this (generation, pair, episode),
    /// identical for both members of an antithetic pair, so the pair sees the
    /// same tasks and environment seeds and their fitness difference measures
    /// the perturbation, not the luck of the draw.
    public let seed: UInt64
    /// The worker running this call, in 0..<threads (index per-thread scratch).
    public let worker: Int

    /// A stream derived from `seed` (e.g. `context.stream("task")`, `context.stream("env")`).
    public func stream(_ path: StreamPathComponent...) -> RandomStream { RandomStream(seed: seed, path: path) }
}

extension Strategy {
    /// The common-random-number seed of (generation t, noise index p, episode e):
    /// `streamKey(seed: runSeed, path: ["es-eval", t, p, e])`.
    public func evaluationSeed(generation t: Int, noiseIndex p: Int, episode e: Int) -> UInt64 {
        streamKey(seed: configuration.seed, path: ["es-eval", .init(t), .init(p), .init(e)])
    }

    /// Scores every member of the current generation in parallel and returns
    /// their fitness in member order, ready for `tell` (higher is better:
    /// fitness is MAXIMISED).
    ///
    /// `fitness(genome, context)` is called once per (member, episode);
    /// a member's fitness is the mean over its `episodes` (summed in episode
    /// order in Double). Work is split into (pair, episode) units pulled by
    /// `threads` workers; each unit regenerates its ε from integers, so
    /// memory stays O(threads × dimension) and the result does not depend on
    /// the thread count as long as `fitness` depends only on its arguments.
    ///
    ///     let f = es.evaluate(episodes: 4) { genome, ctx in
    ///         rollout(policy: genome, env: CartPole(seed: ctx.seed))
    ///     }
    ///     try es.tell(f)
    public func evaluate(episodes: Int = 1,
                         _ fitness: @Sendable (_ genome: [Float], _ context: EvaluationContext) -> Float) -> [Float] {
        precondition(episodes > 0, "evaluate needs at least one episode")
        let n = populationSize
        var scores = [Float](repeating: 0, count: n * episodes)
        let es = self
        scores.withUnsafeMutableBufferPointer { out in
            let out = DisjointWrites(out)
            concurrentForEach(noiseCount * episodes, threads: threads) { unit, worker in
                let p = unit / episodes, e = unit % episodes
                let t = es.state.generation
                let eps = es.noise.epsilon(generation: t, noiseIndex: p)
                let seed = es.evaluationSeed(generation: t, noiseIndex: p, episode: e)
                for index in es.configuration.antithetic ? [2 * p, 2 * p + 1] : [p] {
                    let member = es.member(index)
                    var genome = eps
                    es.perturb(&genome, sign: member.sign)
                    let context = EvaluationContext(member: member, episode: e, seed: seed, worker: worker)
                    out[index * episodes + e] = fitness(genome, context)
                }
            }
        }
        return (0..<n).map { i in
            var s = 0.0
            for e in 0..<episodes { s += Double(scores[i * episodes + e]) }
            return Float(s / Double(episodes))
        }
    }

    /// `evaluate` then `tell`: one whole generation. Returns the report.
    @discardableResult
    public mutating func step(episodes: Int = 1,
                              _ fitness: @Sendable (_ genome: [Float], _ context: EvaluationContext) -> Float) throws -> GenerationReport {
        try tell(evaluate(episodes: episodes, fitness))
    }
}
