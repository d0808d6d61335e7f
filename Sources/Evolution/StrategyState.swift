/// Everything a strategy carries from one generation to the next; restoring
/// it into a `Strategy` with the same configuration continues the run bit
/// for bit. Schedules are functions of `generation`, so it is also their position.
public struct StrategyState: Sendable, Equatable, Codable {
    /// t: generations told so far (the next `ask` samples generation t).
    public var generation: Int
    /// μ: the search mean.
    public var mean: [Float]
    /// σ: one value (isotropic, OpenAI-ES) or one per coordinate (SNES, PGPE).
    public var sigma: [Float]
    /// The mean optimizer's moments and step count.
    public var optimizer: MeanOptimizerState
    /// The fittest member seen so far (fitness is MAXIMISED); nil before the first `tell`.
    public var best: BestMember?

    public init(generation: Int, mean: [Float], sigma: [Float], optimizer: MeanOptimizerState, best: BestMember?) {
        self.generation = generation
        self.mean = mean
        self.sigma = sigma
        self.optimizer = optimizer
        self.best = best
    }

    /// σ_j, whether σ is isotropic or per coordinate.
    @inlinable public func sigma(at j: Int) -> Float { sigma.count == 1 ? sigma[0] : sigma[j] }

    /// Mean of σ over coordinates (σ itself when isotropic).
    public var sigmaMean: Float {
        var s = 0.0
        for v in sigma { s += Double(v) }
        return Float(s / Double(sigma.count))
    }
}

/// The highest fitness seen so far and the genome that earned it.
public struct BestMember: Sendable, Equatable, Codable {
    /// Its fitness (higher is better).
    public var fitness: Float
    /// The generation and member index it was sampled as.
    public var generation: Int
    public var member: Int
    public var genome: [Float]

    public init(fitness: Float, generation: Int, member: Int, genome: [Float]) {
        self.fitness = fitness
        self.generation = generation
        self.member = member
        self.genome = genome
    }
}
