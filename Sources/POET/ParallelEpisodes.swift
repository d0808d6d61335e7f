import Environments
import Evolution

/// Every episode of one phase of an iteration — all pairs' ES generations,
/// all self-evaluations, all transfer tests — laid out as one flat list of
/// work items and pulled by `threads` workers (`concurrentForEach`), so two
/// pairs keep two cores busy as well as twenty do. Each item writes only its
/// own slots, so results are bitwise identical for any thread count.
struct ParallelEpisodes: Sendable {
    let rollout: PolicyRollout
    let threads: Int

    /// One episode of a fixed genome: `genomes[genome]` in `environments[environment]` from `seed`.
    struct Job: Sendable {
        var genome: Int
        var environment: Int
        var seed: UInt64
    }

    /// Plays every job; outcomes in job order.
    func play(_ jobs: [Job], genomes: [[Float]], environments: [any Environment]) -> [PolicyRollout.Outcome] {
        var out = [PolicyRollout.Outcome](repeating: .init(totalReward: 0, steps: 0), count: jobs.count)
        let rollout = self.rollout
        out.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(buffer)
            concurrentForEach(jobs.count, threads: threads) { i, _ in
                let job = jobs[i]
                slots[i] = rollout.play(environments[job.environment], genome: genomes[job.genome], seed: job.seed)
            }
        }
        return out
    }

    /// Mean return of each genome over `seeds.count` episodes in its
    /// environment: `targets[i] = (genome, environment)`, episode e of every
    /// target from `seeds[i][e]`. Returns the means and the steps taken.
    func meanReturns(_ targets: [(genome: Int, environment: Int, seeds: [UInt64])], genomes: [[Float]],
                     environments: [any Environment]) -> (scores: [Double], steps: Int) {
        var jobs: [Job] = []
        var firstJob: [Int] = []
        for t in targets {
            firstJob.append(jobs.count)
            for s in t.seeds { jobs.append(Job(genome: t.genome, environment: t.environment, seed: s)) }
        }
        let outcomes = play(jobs, genomes: genomes, environments: environments)
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
        let unitStarts = unitStart, fitnessStarts = fitnessStart
        var returns = [Double](repeating: 0, count: slots)
        var stepCounts = [Int](repeating: 0, count: slots)
        returns.withUnsafeMutableBufferPointer { r in
            stepCounts.withUnsafeMutableBufferPointer { c in
                let returnSlots = Slots(r), countSlots = Slots(c)
                concurrentForEach(units, threads: threads) { unit, _ in
                    let s = Self.owner(of: unit, starts: unitStarts)
                    let es = searches[s]
                    let local = unit - unitStarts[s]
                    let p = local / episodes, e = local % episodes
                    let t = es.generation
                    let eps = es.noise.epsilon(generation: t, noiseIndex: p)
                    let seed = es.evaluationSeed(generation: t, noiseIndex: p, episode: e)
                    for index in es.configuration.antithetic ? [2 * p, 2 * p + 1] : [p] {
                        var genome = eps
                        es.perturb(&genome, sign: es.member(index).sign)
                        let outcome = rollout.play(environments[s], genome: genome, seed: seed)
                        returnSlots[fitnessStarts[s] + index * episodes + e] = outcome.totalReward
                        countSlots[fitnessStarts[s] + index * episodes + e] = outcome.steps
                    }
                }
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

/// Disjoint slots of one buffer written by concurrent workers (each index once).
struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<T>
    init(_ base: UnsafeMutableBufferPointer<T>) { self.base = base }
    subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
