import Checkpoint
import Environments
import Evolution
import Policies
import Runs

/// Every episode of one phase of an iteration — all pairs' ES generations,
/// all self-evaluations, all transfer tests — laid out as one flat list of
/// units for the run's evaluation backend, so two pairs keep two cores busy
/// as well as twenty do. Each unit depends only on its integers, so results
/// are bitwise identical for any thread count or backend.
struct ParallelEpisodes: Sendable {
    let rollout: PolicyRollout
    let backend: any EvaluationBackend

    /// One episode of a fixed genome: `genomes[genome]` in `environments[environment]` from `seed`.
    struct Job: Sendable {
        var genome: Int
        var environment: Int
        var seed: UInt64
    }

    /// Plays every job; outcomes in job order.
    func play(_ jobs: [Job], genomes: [[Float]], environments: [any Environment]) throws -> [PolicyRollout.Outcome] {
        let rollout = self.rollout
        return try backend.map(jobs.count) { i, _ -> EpisodeOutcomes in
            let job = jobs[i]
            return EpisodeOutcomes([rollout.play(environments[job.environment], genome: genomes[job.genome], seed: job.seed)])
        }.map { $0.outcomes[0] }
    }

    /// Mean return of each genome over `seeds.count` episodes in its
    /// environment: `targets[i] = (genome, environment)`, episode e of every
    /// target from `seeds[i][e]`. Returns the means and the steps taken.
    func meanReturns(_ targets: [(genome: Int, environment: Int, seeds: [UInt64])], genomes: [[Float]],
                     environments: [any Environment]) throws -> (scores: [Double], steps: Int) {
        var jobs: [Job] = []
        var firstJob: [Int] = []
        for t in targets {
            firstJob.append(jobs.count)
            for s in t.seeds { jobs.append(Job(genome: t.genome, environment: t.environment, seed: s)) }
        }
        let outcomes = try play(jobs, genomes: genomes, environments: environments)
        var scores: [Double] = []
        for (i, t) in targets.enumerated() {
            var sum = 0.0
            for e in 0..<t.seeds.count { sum += outcomes[firstJob[i] + e].totalReward }
            scores.append(t.seeds.isEmpty ? .nan : sum / Double(t.seeds.count))
        }
        return (scores, outcomes.reduce(0) { $0 + $1.steps })
    }

    /// One ES generation of every strategy, strategy i in `environments[i]`:
    /// the members of all of them are scored in one parallel pass, exactly as
    /// `Strategy.evaluate(episodes:)` would score each (members 2p and 2p + 1
    /// share ε_p and the common-random-number seed of (t, p, e); a member's
    /// fitness is its mean return over the episodes), then each is told.
    func step(_ strategies: inout [Strategy], environments: [any Environment], episodes: Int) throws
        -> (reports: [GenerationReport], steps: Int)
    {
        precondition(strategies.count == environments.count, "one environment per strategy")
        var unitStart: [Int] = [], fitnessStart: [Int] = []
        var units = 0, slots = 0
        for s in strategies {
            unitStart.append(units)
            fitnessStart.append(slots)
            units += s.noiseCount * episodes
            slots += s.populationSize * episodes
        }
        let searches = strategies, rollout = self.rollout
        let unitStarts = unitStart
        let results = try backend.map(units) { unit, _ -> EpisodeOutcomes in
            let s = Self.owner(of: unit, starts: unitStarts)
            let es = searches[s]
            let local = unit - unitStarts[s]
            let p = local / episodes, e = local % episodes
            let t = es.generation
            let eps = es.noise.epsilon(generation: t, noiseIndex: p)
            let seed = es.evaluationSeed(generation: t, noiseIndex: p, episode: e)
            return EpisodeOutcomes((es.configuration.antithetic ? [2 * p, 2 * p + 1] : [p]).map { index in
                var genome = eps
                es.perturb(&genome, sign: es.member(index).sign)
                return rollout.play(environments[s], genome: genome, seed: seed)
            })
        }
        var returns = [Double](repeating: 0, count: slots)
        var stepCounts = [Int](repeating: 0, count: slots)
        for (unit, result) in results.enumerated() {
            let s = Self.owner(of: unit, starts: unitStart)
            let local = unit - unitStart[s]
            let p = local / episodes, e = local % episodes
            let members = strategies[s].configuration.antithetic ? [2 * p, 2 * p + 1] : [p]
            for (k, index) in members.enumerated() {
                returns[fitnessStart[s] + index * episodes + e] = result.outcomes[k].totalReward
                stepCounts[fitnessStart[s] + index * episodes + e] = result.outcomes[k].steps
            }
        }
        var reports: [GenerationReport] = []
        for s in strategies.indices {
            let n = strategies[s].populationSize
            let fitness: [Float] = (0..<n).map { i in
                var sum = 0.0
                // Rounded to Float per episode first, as `Strategy.evaluate` receives it.
                for e in 0..<episodes { sum += Double(Float(returns[fitnessStart[s] + i * episodes + e])) }
                return Float(sum / Double(episodes))
            }
            reports.append(try strategies[s].tell(fitness))
        }
        return (reports, stepCounts.reduce(0, +))
    }
}

extension ParallelEpisodes {
    /// The last index whose start is ≤ `unit` (binary search over ascending starts).
    static func owner(of unit: Int, starts: [Int]) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= unit { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}

/// The outcomes of one unit's episodes (one genome, or an antithetic pair), in order.
struct EpisodeOutcomes: UnitResult {
    var outcomes: [PolicyRollout.Outcome]

    init(_ outcomes: [PolicyRollout.Outcome]) { self.outcomes = outcomes }

    func encode(into writer: inout ByteWriter) {
        writer.doubles(outcomes.map(\.totalReward))
        for o in outcomes { writer.int(o.steps) }
    }

    init(decoding reader: inout ByteReader) throws {
        let rewards = try reader.doubles("episode returns")
        outcomes = try rewards.map { PolicyRollout.Outcome(totalReward: $0, steps: try reader.int("episode steps")) }
    }
}
