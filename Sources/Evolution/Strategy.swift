import Parallel

/// An evolution strategy over flat `[Float]` genomes, asked for candidates
/// and told their fitness. Fitness is always MAXIMISED: higher is better.
///
///     var es = try Strategy(configuration: .openAIES(populationSize: 64, sigma: 0.1, learningRate: 0.05),
///                           mean: [Float](repeating: 0, count: 10))
///     for _ in 0..<100 {
///         let genomes = es.ask()
///         try es.tell(genomes.map { g in -g.reduce(0) { $0 + $1 * $1 } })  // maximise −‖θ‖²
///     }
///
/// The base owns the bookkeeping (generation counter, best so far, shaping,
/// non-finite handling, weight decay, optimizer, schedules, metrics); the
/// algorithm's own math lives in `OpenAIES`, `SNES` or `PGPE`. A strategy is
/// a value: copying it copies the run.
///
/// Noise is never stored: member i of generation t is regenerated from
/// (seed, t, i) by `NoiseField`, so memory is O(population + dimension)
/// unless you call `ask()`, which returns the whole population. `threads`
/// only sets how many workers `ask`/`tell` use; results are bitwise
/// identical for any value.
public struct Strategy: Sendable {
    /// The search's definition.
    public let configuration: StrategyConfiguration
    /// d: genome length.
    public let dimension: Int
    /// The state carried between generations (serialise it to checkpoint).
    public internal(set) var state: StrategyState
    /// Workers for `ask`, `tell` and `evaluate` (execution only, never results).
    public var threads: Int
    /// Where every member's ε comes from.
    public let noise: NoiseField
    let math: any StrategyMath

    /// A fresh strategy searching around `mean` (μ₀). Throws
    /// `EvolutionError.invalidConfiguration` naming every bad key.
    public init(configuration: StrategyConfiguration, mean: [Float], threads: Int = defaultThreadCount) throws {
        try configuration.validate(dimension: mean.count)
        guard mean.allSatisfy(\.isFinite) else { throw EvolutionError.invalidConfiguration([SettingProblem(key: "", "the initial mean has non-finite values")]) }
        let math = configuration.math(dimension: mean.count)
        self.configuration = configuration
        self.dimension = mean.count
        self.math = math
        self.threads = max(1, threads)
        self.noise = NoiseField(seed: configuration.seed, dimension: mean.count)
        self.state = StrategyState(generation: 0, mean: mean, sigma: math.initialSigma(dimension: mean.count),
                                   optimizer: configuration.optimizer.initialState(dimension: mean.count), best: nil)
    }

    /// A strategy continuing from `state` (e.g. read from a checkpoint). Throws
    /// `EvolutionError.invalidState` when the state does not fit the configuration.
    public init(configuration: StrategyConfiguration, restoring state: StrategyState,
                threads: Int = defaultThreadCount) throws {
        try self.init(configuration: configuration, mean: state.mean, threads: threads)
        let fresh = self.state
        func check(_ ok: Bool, _ why: @autoclosure () -> String) throws {
            if !ok { throw EvolutionError.invalidState(why()) }
        }
        // Bounded far below Int.max, so the counts can go on (2⁵³: exact as Doubles).
        try check((0...(1 << 53)).contains(state.generation), "generation \(state.generation); accepted: 0 to 2^53")
        try check(state.optimizer.step <= 1 << 53, "optimizer step \(state.optimizer.step); accepted: 0 to 2^53")
        try check(state.sigma.count == fresh.sigma.count,
                  "σ has \(state.sigma.count) values; \(configuration.algorithm.rawValue) over \(dimension) coordinates keeps \(fresh.sigma.count)")
        try check(state.sigma.allSatisfy { $0 > 0 && $0.isFinite }, "σ has non-positive or non-finite values")
        try check(state.optimizer.first.count == fresh.optimizer.first.count
                  && state.optimizer.second.count == fresh.optimizer.second.count && state.optimizer.step >= 0,
                  "optimizer moments have \(state.optimizer.first.count)/\(state.optimizer.second.count) values; expected \(fresh.optimizer.first.count)/\(fresh.optimizer.second.count)")
        if let best = state.best {
            try check(best.genome.count == dimension, "best genome has \(best.genome.count) values; expected \(dimension)")
        }
        self.state = state
    }

    // MARK: Ask

    /// λ: members per generation.
    public var populationSize: Int { configuration.populationSize }
    /// t: the generation the next `ask`/`tell` concern.
    public var generation: Int { state.generation }
    /// μ.
    public var mean: [Float] { state.mean }
    /// Number of distinct ε per generation (pairs when antithetic).
    public var noiseCount: Int { configuration.antithetic ? populationSize / 2 : populationSize }

    /// Member i of the current generation.
    public func member(_ index: Int) -> Member {
        precondition(index >= 0 && index < populationSize, "member index \(index) outside 0..<\(populationSize)")
        return Member(generation: state.generation, index: index, antithetic: configuration.antithetic)
    }

    /// All members of the current generation, in `tell` order.
    public var members: [Member] { (0..<populationSize).map(member) }

    /// θ_i = μ + s_i σ ⊙ ε_{p(i)} for member i of the current generation,
    /// regenerated from integers (what a worker does with only the index).
    public func genome(of index: Int) -> [Float] {
        Self.genome(of: member(index), mean: state.mean, sigma: state.sigma, noise: noise)
    }

    /// θ = μ + sign · σ ⊙ ε for any member, given only the broadcast μ and σ
    /// of its generation and the run's noise field: what a remote worker does.
    public static func genome(of member: Member, mean: [Float], sigma: [Float], noise: NoiseField) -> [Float] {
        precondition(mean.count == noise.dimension && (sigma.count == 1 || sigma.count == mean.count),
                     "μ and σ must match the noise field's dimension")
        var g = noise.epsilon(generation: member.generation, noiseIndex: member.noiseIndex)
        g.withUnsafeMutableBufferPointer { perturb(UnsafeBufferPointer($0), sign: member.sign, mean: mean, sigma: sigma, into: $0) }
        return g
    }

    /// Turns ε (in place) into μ + sign · σ ⊙ ε.
    @inlinable
    public func perturb(_ epsilon: inout [Float], sign: Float) {
        epsilon.withUnsafeMutableBufferPointer { perturb(UnsafeBufferPointer($0), sign: sign, into: $0) }
    }

    /// Writes μ + sign · σ ⊙ ε into `genome` (which may be ε's own memory).
    @inlinable
    public func perturb(_ epsilon: UnsafeBufferPointer<Float>, sign: Float, into genome: UnsafeMutableBufferPointer<Float>) {
        Self.perturb(epsilon, sign: sign, mean: state.mean, sigma: state.sigma, into: genome)
    }

    /// μ + sign · σ ⊙ ε, coordinate by coordinate, as (sign · σ_j) · ε_j
    /// added to μ_j: the one place this arithmetic lives.
    @inlinable
    static func perturb(_ epsilon: UnsafeBufferPointer<Float>, sign: Float, mean: [Float], sigma: [Float],
                        into genome: UnsafeMutableBufferPointer<Float>) {
        let d = mean.count
        precondition(epsilon.count == d && genome.count == d, "ε and the genome must have the genome's dimension")
        if sigma.count == 1 {
            let s = sign * sigma[0]
            for j in 0..<d { genome[j] = mean[j] + s * epsilon[j] }
        } else {
            for j in 0..<d { genome[j] = mean[j] + sign * sigma[j] * epsilon[j] }
        }
    }

    /// Every genome of the current generation (population × dimension floats:
    /// the matrix is built only because it is asked for), generated in parallel.
    public func ask() -> [[Float]] {
        let n = populationSize, d = dimension
        var flat = [Float](repeating: 0, count: n * d)
        let copy = self
        flat.withUnsafeMutableBufferPointer { out in
            let out = DisjointWrites(out)
            concurrentForEach(noiseCount, threads: threads) { p, _ in
                let eps = copy.noise.epsilon(generation: copy.state.generation, noiseIndex: p)
                let signs: [Float] = copy.configuration.antithetic ? [1, -1] : [1]
                eps.withUnsafeBufferPointer { eps in
                    for (k, sign) in signs.enumerated() {
                        let row = (copy.configuration.antithetic ? 2 * p + k : p) * d
                        copy.perturb(eps, sign: sign, into: UnsafeMutableBufferPointer(rebasing: out.base[row..<(row + d)]))
                    }
                }
            }
        }
        return (0..<n).map { Array(flat[$0 * d ..< ($0 + 1) * d]) }
    }
}
