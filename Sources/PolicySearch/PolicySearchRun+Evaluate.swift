import Evolution

extension PolicySearchRun {
    /// The fitness of every member of the current generation — exactly what
    /// `strategy.evaluate(episodes:) { runner.episode($0, seed: $1.seed) }`
    /// returns (member order; a member's fitness the mean of its episodes'
    /// Float returns, summed in episode order in Double) — with members played
    /// four at a time by `runner.group` (members 4g…4g+3: two antithetic
    /// pairs, each pair sharing its seed). Also the environment steps taken.
    /// Units of (group, episode) are pulled by `strategy.threads` workers; the
    /// result does not depend on how many.
    public func evaluatePopulation() -> (fitness: [Float], envSteps: Int) {
        let (fitness, steps, _, _) = evaluate(keepingNoise: false)
        return (fitness, steps)
    }

    /// The generation's ε is kept for `tell` (which would otherwise draw it
    /// again: half of a generation's noise draws) up to this many floats
    /// (64 MB); the 128 × 1,282 of `Configs/es-cartpole.yaml` take 0.6 MB.
    /// Either way the bits are the same.
    static let noiseMatrixLimit = 16 << 20

    /// `evaluatePopulation`, also returning the ε it drew when `keepingNoise`
    /// and the matrix is within `noiseMatrixLimit`, and the outcomes of μ's
    /// episodes from `meanSeeds`, played as the first units of the same
    /// parallel loop (so no worker waits on them at the end).
    func evaluate(keepingNoise: Bool, meanSeeds: [UInt64] = [])
        -> (fitness: [Float], envSteps: Int, noise: NoiseMatrix?, mean: [EpisodeRunner.Outcome]) {
        let es = strategy, runner = self.runner
        let episodes = configuration.evaluation.episodes
        let n = es.populationSize, t = es.generation, d = es.dimension
        let size = PolicyNetwork.groupSize
        let groups = (n + size - 1) / size
        let matrix = keepingNoise && NoiseMatrix.floatCount(rows: es.noiseCount, dimension: d) <= Self.noiseMatrixLimit
            ? NoiseMatrix(generation: t, rows: es.noiseCount, dimension: d) : nil
        var returns = [Float](repeating: 0, count: n * episodes)
        var steps = [Int](repeating: 0, count: n * episodes)
        let mean = es.mean, means = meanSeeds.count
        var meanOutcomes = [EpisodeRunner.Outcome](repeating: .init(totalReward: 0, steps: 0), count: means)
        returns.withUnsafeMutableBufferPointer { r in
            steps.withUnsafeMutableBufferPointer { s in
                meanOutcomes.withUnsafeMutableBufferPointer { m in
                    let r = DisjointWrites(r), s = DisjointWrites(s), m = DisjointWrites(m)
                    concurrentForEach(means + groups * episodes, threads: es.threads) { unit, _ in
                        if unit < means {
                            m[unit] = runner.episode(mean, seed: meanSeeds[unit])
                            return
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
                        for (k, i) in members.enumerated() {
                            r[i * episodes + e] = Float(outcomes[k].totalReward)
                            s[i * episodes + e] = outcomes[k].steps
                        }
                    }
                }
            }
        }
        let fitness = (0..<n).map { i in
            var sum = 0.0
            for e in 0..<episodes { sum += Double(returns[i * episodes + e]) }
            return Float(sum / Double(episodes))
        }
        return (fitness, steps.reduce(0, +), matrix, meanOutcomes)
    }
}

/// Workers writing disjoint indices of one buffer (each (member, episode) once).
struct DisjointWrites<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
    init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }
    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
