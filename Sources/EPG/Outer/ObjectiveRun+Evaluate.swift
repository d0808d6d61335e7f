import Checkpoint
import Environments
import Evolution
import Random
import Runs

extension ObjectiveRun {
    /// What the candidates of one generation did.
    struct CandidateScores {
        /// Each member's fitness: the mean over its K lifetimes (NaN when one failed).
        var fitness: [Float]
        var lifetimes: Int
        var steps: Int
        var skippedSteps: Int
    }

    /// Trains every candidate's K lifetimes through the backend: unit (p, k)
    /// runs both members of antithetic pair p on training task k, drawn from
    /// the pair's common-random-number seed (so the pair's difference measures
    /// ±σε alone), exactly as `Strategy.evaluate(episodes: K)` would.
    func scoreCandidates(alpha: Double) throws -> CandidateScores {
        let k = configuration.outer.tasksPerCandidate
        let es = strategy, loop = lifetimes, family = lifetimes.family, prefix = Family.streamPrefix
        let results = try backend.map(es.noiseCount * k) { unit, _ -> LifetimeScores in
            let p = unit / k, episode = unit % k
            let t = es.generation
            let epsilon = es.noise.epsilon(generation: t, noiseIndex: p)
            let seed = es.evaluationSeed(generation: t, noiseIndex: p, episode: episode)
            var scores = LifetimeScores()
            for index in es.configuration.antithetic ? [2 * p, 2 * p + 1] : [p] {
                var genome = epsilon
                es.perturb(&genome, sign: es.member(index).sign)
                guard let task = try? family.sample(.train, stream: RandomStream(seed: seed, path: ["task"])),
                      let outcome = try? loop.run(genome: genome, alpha: alpha, task: task, seed: seed,
                                                  path: [.label(prefix), "lifetime"], probe: nil)
                else {
                    scores.append(fitness: .nan, steps: 0, skipped: 0, ran: false)
                    continue
                }
                scores.append(fitness: Float(outcome.fitness), steps: outcome.steps, skipped: outcome.skippedSteps, ran: true)
            }
            return scores
        }
        let n = es.populationSize
        var perMember = [Float](repeating: 0, count: n * k)
        var scores = CandidateScores(fitness: [], lifetimes: 0, steps: 0, skippedSteps: 0)
        for (unit, result) in results.enumerated() {
            let p = unit / k, episode = unit % k
            let members = es.configuration.antithetic ? [2 * p, 2 * p + 1] : [p]
            for (j, index) in members.enumerated() {
                perMember[index * k + episode] = result.fitness[j]
                scores.lifetimes += result.ran[j] ? 1 : 0
                scores.steps += result.steps[j]
                scores.skippedSteps += result.skipped[j]
            }
        }
        scores.fitness = (0..<n).map { i in
            var sum = 0.0
            for episode in 0..<k { sum += Double(perMember[i * k + episode]) }
            return Float(sum / Double(k))
        }
        return scores
    }
}

/// The lifetimes of one unit (an antithetic pair on one task), in member order.
struct LifetimeScores: UnitResult {
    var fitness: [Float] = []
    var steps: [Int] = []
    var skipped: [Int] = []
    var ran: [Bool] = []

    init() {}

    mutating func append(fitness f: Float, steps s: Int, skipped k: Int, ran r: Bool) {
        fitness.append(f)
        steps.append(s)
        skipped.append(k)
        ran.append(r)
    }

    func encode(into writer: inout ByteWriter) {
        writer.floats(fitness)
        for i in fitness.indices {
            writer.int(steps[i])
            writer.int(skipped[i])
            writer.u8(ran[i] ? 1 : 0)
        }
    }

    init(decoding reader: inout ByteReader) throws {
        fitness = try reader.floats("lifetime fitness")
        for _ in fitness.indices {
            steps.append(try reader.int("lifetime steps"))
            skipped.append(try reader.int("skipped steps"))
            ran.append(try reader.u8("lifetime ran") == 1)
        }
    }
}
