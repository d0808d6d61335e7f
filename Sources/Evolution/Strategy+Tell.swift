extension Strategy {
    /// Tells the fitness of every member of the current generation (in member
    /// order, higher is better — fitness is MAXIMISED) and moves the search
    /// distribution; the generation counter advances by one.
    ///
    /// Non-finite fitness counts as the worst of the generation and is
    /// reported, never propagated. Throws `EvolutionError.fitnessCount` when
    /// the vector's length is not the population size.
    @discardableResult
    public mutating func tell(_ fitness: [Float]) throws -> GenerationReport {
        try tell(fitness, noise: nil)
    }

    /// `tell`, reading this generation's ε from `matrix` (filled by the
    /// caller, see `NoiseMatrix`) instead of regenerating it: bit for bit the
    /// same result.
    @discardableResult
    public mutating func tell(_ fitness: [Float], noise matrix: NoiseMatrix?) throws -> GenerationReport {
        guard fitness.count == populationSize else {
            throw EvolutionError.fitnessCount(got: fitness.count, expected: populationSize)
        }
        let t = state.generation
        var report = Self.statistics(fitness, generation: t)
        report.sigmaMean = state.sigmaMean

        // Best so far: rebuilt from (t, index) before μ and σ move.
        if let i = report.bestMember, state.best == nil || fitness[i] > state.best!.fitness {
            state.best = BestMember(fitness: fitness[i], generation: t, member: i, genome: genome(of: i))
        }
        report.bestFitnessSoFar = state.best?.fitness

        let shaped = configuration.shaping.shape(fitness)
        let (a, b) = math.weights(PairedUtilities(shaped.utilities, antithetic: configuration.antithetic))
        let sums = noise.weightedSums(generation: t, a: a, b: b, threads: threads, matrix: matrix)
        var sigma = state.sigma
        var g = math.update(a: sums.a, b: sums.b, sigma: &sigma, populationSize: populationSize,
                            noiseCount: noiseCount, next: t + 1)

        let decay = configuration.weightDecay
        if decay > 0 { for j in g.indices { g[j] -= decay * state.mean[j] } }
        let alpha = configuration.learningRate.value(at: t)
        let delta = configuration.optimizer.step(g, learningRate: alpha, state: &state.optimizer)
        for j in delta.indices { state.mean[j] += delta[j] }
        state.sigma = sigma
        state.generation = t + 1

        report.gradientNorm = Float(euclideanNorm(g))
        report.updateNorm = Float(euclideanNorm(delta))
        report.learningRate = alpha
        return report
    }

    static func statistics(_ fitness: [Float], generation: Int) -> GenerationReport {
        var count = 0, sum = 0.0, sumSquares = 0.0
        var best: Int? = nil
        var lo = Float.infinity, hi = -Float.infinity
        for (i, f) in fitness.enumerated() where f.isFinite {
            count += 1
            sum += Double(f)
            sumSquares += Double(f) * Double(f)
            lo = min(lo, f)
            if best == nil || f > hi { hi = f; best = i }
        }
        let mean = count > 0 ? sum / Double(count) : .nan
        let variance = count > 0 ? max(0, sumSquares / Double(count) - mean * mean) : .nan
        return GenerationReport(
            generation: generation, fitnessMean: Float(mean), fitnessMax: count > 0 ? hi : .nan,
            fitnessMin: count > 0 ? lo : .nan, fitnessStd: Float(variance.squareRoot()),
            nonFinite: fitness.count - count, bestMember: best, bestFitnessSoFar: nil,
            sigmaMean: 0, gradientNorm: 0, updateNorm: 0, learningRate: 0)
    }
}
