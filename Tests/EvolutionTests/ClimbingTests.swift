import XCTest
@testable import Evolution

/// Every strategy climbs (fitness is MAXIMISED, so fitness = −f) a sphere and
/// a Rastrigin function to a stated tolerance, from a fixed start.
final class ClimbingTests: XCTestCase {
    static func sphere(_ x: [Float]) -> Float { x.reduce(0) { $0 + $1 * $1 } }

    /// Rastrigin: 10d + Σ (x² − 10 cos 2πx); global minimum 0 at the origin,
    /// every other local minimum (near the integer lattice) has f ≥ ~1.
    static func rastrigin(_ x: [Float]) -> Float {
        var f = 10 * Double(x.count)
        for v in x.map(Double.init) { f += v * v - 10 * cos(2 * Double.pi * v) }
        return Float(f)
    }

    func climb(_ config: StrategyConfiguration, start: [Float], generations: Int,
               _ f: @escaping @Sendable ([Float]) -> Float) throws -> (mean: Float, best: Float) {
        var es = try Strategy(configuration: config, mean: start, threads: 2)
        for _ in 0..<generations { try es.step { genome, _ in -f(genome) } }
        return (f(es.mean), -es.state.best!.fitness)
    }

    let sphereStart: [Float] = [1, -2, 3, -1, 2, -3, 1, -2, 3, -1] // ‖x‖² = 42

    func testOpenAIESClimbsTheSphere() throws {
        var c = StrategyConfiguration.openAIES(populationSize: 40, sigma: 0.1, learningRate: 0.1, seed: 1)
        c.sigma = .exponential(initial: 0.5, decay: 0.98, floor: 0.01)
        c.learningRate = .exponential(initial: 0.2, decay: 0.98, floor: 0.005)
        let r = try climb(c, start: sphereStart, generations: 300, Self.sphere)
        XCTAssertLessThan(r.mean, 1e-4, "f(μ) after 300 generations from f = 42")
    }

    func testSNESClimbsTheSphere() throws {
        let r = try climb(.snes(populationSize: 20, sigma: 1, seed: 1), start: sphereStart, generations: 300, Self.sphere)
        XCTAssertLessThan(r.mean, 1e-10)
    }

    func testPGPEClimbsTheSphere() throws {
        var c = StrategyConfiguration.pgpe(populationSize: 40, sigma: 1, learningRate: 0.3, seed: 1)
        c.learningRate = .exponential(initial: 0.3, decay: 0.98, floor: 0.001)
        let r = try climb(c, start: sphereStart, generations: 300, Self.sphere)
        XCTAssertLessThan(r.mean, 1e-4)
    }

    let rastriginStart: [Float] = [3.2, -2.7, 1.4, -3.9, 2.2] // f ≈ 60, far from the global basin

    /// Large σ smooths Rastrigin's ripples away; reaching the global basin
    /// means f(μ) < 1 (below every non-global local minimum); the tolerances
    /// below also ask for the basin's bottom.
    /// A property over seeds, not one lucky draw: from f ≈ 60, at least 7 of
    /// 10 runs end in the global basin's bottom (8 of 10 with the current
    /// noise; the two misses stop in a neighbouring minimum, f ≈ 1).
    func testOpenAIESReachesRastriginsGlobalBasin() throws {
        var reached = 0
        for seed in 0..<10 as Range<UInt64> {
            var c = StrategyConfiguration.openAIES(populationSize: 100, seed: seed)
            c.sigma = .exponential(initial: 2, decay: 0.985, floor: 0.02)
            c.learningRate = .exponential(initial: 0.3, decay: 0.985, floor: 0.005)
            let r = try climb(c, start: rastriginStart, generations: 400, Self.rastrigin)
            if r.mean < 0.01 { reached += 1 }
        }
        XCTAssertGreaterThanOrEqual(reached, 7, "runs of 10 reaching the global basin with f(μ) < 0.01")
    }

    func testSNESReachesRastriginsGlobalBasin() throws {
        let r = try climb(.snes(populationSize: 100, sigma: 3, seed: 3), start: rastriginStart, generations: 400, Self.rastrigin)
        XCTAssertLessThan(r.mean, 1e-3, "global basin reached, f(μ) within tolerance")
    }

    func testPGPEReachesRastriginsGlobalBasin() throws {
        // PGPE's σ adaptation is greedy; a slow η_σ keeps the smoothing long enough.
        var c = StrategyConfiguration.pgpe(populationSize: 100, sigma: 3, seed: 3)
        c.learningRate = .exponential(initial: 0.1, decay: 0.985, floor: 0.0001)
        c.sigmaLearningRate = 0.02
        let r = try climb(c, start: rastriginStart, generations: 400, Self.rastrigin)
        XCTAssertLessThan(r.mean, 0.1, "global basin reached, f(μ) within tolerance")
    }
}
