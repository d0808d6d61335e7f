import Evolution

extension PolicySearchRun {
    /// The fitness of every member of the current generation — exactly what
    /// `strategy.evaluate(episodes:) { runner.episode($0, seed: $1.seed) }`
    /// returns (member order; a member's fitness the mean of its episodes'
    /// Float returns, summed in episode order in Double) — with the two
    /// members of each antithetic pair played in lockstep by `runner.pair`.
    /// Also the environment steps taken. Units of (pair, episode) are pulled
    /// by `strategy.threads` workers; the result does not depend on how many.
    public func evaluatePopulation() -> (fitness: [Float], envSteps: Int) {
        let es = strategy, runner = self.runner
        let episodes = configuration.evaluation.episodes
        let n = es.populationSize, t = es.generation
        var returns = [Float](repeating: 0, count: n * episodes)
        var steps = [Int](repeating: 0, count: n * episodes)
        returns.withUnsafeMutableBufferPointer { r in
            steps.withUnsafeMutableBufferPointer { s in
                let r = DisjointWrites(r), s = DisjointWrites(s)
                concurrentForEach(es.noiseCount * episodes, threads: es.threads) { unit, _ in
                    let p = unit / episodes, e = unit % episodes
                    let epsilon = es.noise.epsilon(generation: t, noiseIndex: p)
                    let seed = es.evaluationSeed(generation: t, noiseIndex: p, episode: e)
                    if es.configuration.antithetic {
                        var plus = epsilon, minus = epsilon
                        es.perturb(&plus, sign: es.member(2 * p).sign)
                        es.perturb(&minus, sign: es.member(2 * p + 1).sign)
                        let (a, b) = runner.pair(plus, minus, seed: seed)
                        r[2 * p * episodes + e] = Float(a.totalReward)
                        s[2 * p * episodes + e] = a.steps
                        r[(2 * p + 1) * episodes + e] = Float(b.totalReward)
                        s[(2 * p + 1) * episodes + e] = b.steps
                    } else {
                        var genome = epsilon
                        es.perturb(&genome, sign: es.member(p).sign)
                        let o = runner.episode(genome, seed: seed)
                        r[p * episodes + e] = Float(o.totalReward)
                        s[p * episodes + e] = o.steps
                    }
                }
            }
        }
        let fitness = (0..<n).map { i in
            var sum = 0.0
            for e in 0..<episodes { sum += Double(returns[i * episodes + e]) }
            return Float(sum / Double(episodes))
        }
        return (fitness, steps.reduce(0, +))
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
