import Checkpoint
import Evolution
import Policies
import Runs

extension ESRun {
    /// The fitness of every member of the current generation — exactly what
    /// `strategy.evaluate(episodes:) { runner.episode($0, seed: $1.seed) }`
    /// returns (member order; a member's fitness the mean of its episodes'
    /// Float returns, summed in episode order in Double) — with members played
    /// four at a time by `runner.group` (members 4g…4g+3: two antithetic
    /// pairs, each pair sharing its seed). Also the environment steps taken.
    /// Units of (group, episode) go through the run's backend; the result
    /// does not depend on where they ran.
    public func evaluatePopulation() throws -> (fitness: [Float], envSteps: Int) {
        let (fitness, steps, _, _) = try evaluate(keepingNoise: false)
        return (fitness, steps)
    }

    /// The generation's ε is kept for `tell` (which would otherwise draw it
    /// again: half of a generation's noise draws) up to this many floats
    /// (64 MB); the 128 × 1,282 of `Configs/es-cartpole.yaml` take 0.6 MB.
    /// Either way the bits are the same.
    static let noiseMatrixLimit = 16 << 20

    /// `evaluatePopulation`, also returning the ε it drew when `keepingNoise`,
    /// the backend is local and the matrix is within `noiseMatrixLimit`, and
    /// the outcomes of μ's episodes from `meanSeeds`, played as the first
    /// units of the same map (so no worker waits on them at the end).
    func evaluate(keepingNoise: Bool, meanSeeds: [UInt64] = []) throws
        -> (fitness: [Float], envSteps: Int, noise: NoiseMatrix?, mean: [EpisodeRunner.Outcome]) {
        let es = strategy, runner = self.runner
        let episodes = configuration.evaluation.episodes
        let n = es.populationSize, t = es.generation, d = es.dimension
        let size = PolicyNetwork.groupSize
        let groups = (n + size - 1) / size
        // Rows are drawn by the units themselves: only memory this process shares can keep them.
        let matrix = keepingNoise && backend.isLocal
            && NoiseMatrix.floatCount(rows: es.noiseCount, dimension: d) <= Self.noiseMatrixLimit
            ? NoiseMatrix(generation: t, rows: es.noiseCount, dimension: d) : nil
        let mean = es.mean, means = meanSeeds.count
        let results = try backend.map(means + groups * episodes) { unit, _ -> EpisodeResults in
            if unit < means {
                let outcome = runner.episode(mean, seed: meanSeeds[unit])
                return EpisodeResults(returns: [outcome.totalReward], steps: [outcome.steps])
            }
            let g = (unit - means) / episodes, e = (unit - means) % episodes
            let members = (g * size)..<min(n, (g + 1) * size)
            var seeds: [UInt64] = []
            let genomes = [Float](unsafeUninitializedCapacity: members.count * d) { genomes, written in
                // ε of the current pair: drawn straight into its noise-matrix row
                // (each noise index belongs to one group, and episode 0 writes
                // it), otherwise into a buffer of this unit's.
                let own = UnsafeMutableBufferPointer<Float>.allocate(capacity: d)
                defer { own.deallocate() }
                var epsilon = own, noiseIndex = -1
                for (k, i) in members.enumerated() {
                    let member = es.member(i)
                    if member.noiseIndex != noiseIndex {
                        noiseIndex = member.noiseIndex
                        epsilon = matrix.map { e == 0 ? $0.row(noiseIndex) : own } ?? own
                        es.noise.fill(generation: t, noiseIndex: noiseIndex, into: epsilon)
                    }
                    es.perturb(UnsafeBufferPointer(epsilon), sign: member.sign,
                               into: UnsafeMutableBufferPointer(rebasing: genomes[(k * d)..<((k + 1) * d)]))
                    seeds.append(es.evaluationSeed(generation: t, noiseIndex: noiseIndex, episode: e))
                }
                written = members.count * d
            }
            let outcomes = runner.group(flat: genomes, seeds: seeds)
            return EpisodeResults(returns: outcomes.map(\.totalReward), steps: outcomes.map(\.steps))
        }
        var returns = [Float](repeating: 0, count: n * episodes)
        var steps = 0
        for g in 0..<groups {
            for e in 0..<episodes {
                let result = results[means + g * episodes + e]
                for (k, i) in ((g * size)..<min(n, (g + 1) * size)).enumerated() {
                    returns[i * episodes + e] = Float(result.returns[k])
                    steps += result.steps[k]
                }
            }
        }
        let fitness = (0..<n).map { i in
            var sum = 0.0
            for e in 0..<episodes { sum += Double(returns[i * episodes + e]) }
            return Float(sum / Double(episodes))
        }
        let meanOutcomes = results.prefix(means).map { EpisodeRunner.Outcome(totalReward: $0.returns[0], steps: $0.steps[0]) }
        return (fitness, steps, matrix, meanOutcomes)
    }
}

/// The returns and step counts of one evaluation unit's episodes (μ's one
/// episode, or a group's members on one episode), in member order.
struct EpisodeResults: UnitResult {
    var returns: [Double]
    var steps: [Int]

    init(returns: [Double], steps: [Int]) {
        self.returns = returns
        self.steps = steps
    }

    func encode(into writer: inout ByteWriter) {
        writer.doubles(returns)
        returns.indices.forEach { writer.int(steps[$0]) }
    }

    init(decoding reader: inout ByteReader) throws {
        returns = try reader.doubles("episode returns")
        steps = try returns.indices.map { _ in try reader.int("episode steps") }
    }
}
