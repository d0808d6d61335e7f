import XCTest
@testable import Evolution

final class StrategyTests: XCTestCase {
    func testTellMaximisesFitness() throws {
        // One coordinate, fitness = θ: the mean must move up, never down.
        var es = try Strategy(configuration: .openAIES(populationSize: 10, sigma: 0.1, learningRate: 0.1), mean: [0])
        for _ in 0..<20 { try es.step { g, _ in g[0] } }
        XCTAssertGreaterThan(es.mean[0], 1)
    }

    func testWeightDecayShrinksTheMeanWhenFitnessIsFlat() throws {
        var c = StrategyConfiguration.openAIES(populationSize: 4, sigma: 0.1, learningRate: 0.5)
        c.optimizer = .sgd
        c.weightDecay = 0.1
        var es = try Strategy(configuration: c, mean: [2, -4])
        let report = try es.tell([1, 1, 1, 1]) // flat: g = 0, only −λμ remains
        XCTAssertEqual(es.mean[0], 2 * (1 - 0.05), accuracy: 1e-6)
        XCTAssertEqual(es.mean[1], -4 * (1 - 0.05), accuracy: 1e-6)
        XCTAssertEqual(report.gradientNorm, Float(0.1 * (4.0 + 16).squareRoot()), accuracy: 1e-6)
        c.weightDecay = 0
        var still = try Strategy(configuration: c, mean: [2, -4])
        try still.tell([1, 1, 1, 1])
        XCTAssertEqual(still.mean, [2, -4])
    }

    func testNonFiniteFitnessNeverReachesTheMean() throws {
        var c = StrategyConfiguration.openAIES(populationSize: 6, sigma: 0.1, learningRate: 0.1)
        c.optimizer = .sgd // no momentum, so a zero gradient means no step
        var es = try Strategy(configuration: c, mean: [1, 1])
        let report = try es.tell([1, .nan, 2, .infinity, -.infinity, 0])
        XCTAssertEqual(report.nonFinite, 3)
        XCTAssertTrue(es.mean.allSatisfy(\.isFinite))
        XCTAssertEqual(report.fitnessMax, 2)
        XCTAssertEqual(report.fitnessMin, 0)
        XCTAssertEqual(report.fitnessMean, 1)
        XCTAssertEqual(report.bestMember, 2)
        // All non-finite: all utilities are zero, so nothing moves.
        let before = es.mean
        let all = try es.tell([Float](repeating: .nan, count: 6))
        XCTAssertEqual(all.nonFinite, 6)
        XCTAssertTrue(all.fitnessMean.isNaN)
        XCTAssertNil(all.bestMember)
        XCTAssertEqual(es.mean, before)
        XCTAssertEqual(es.state.best?.fitness, 2)
    }

    func testBestSoFarKeepsTheFittestGenomeEverSeen() throws {
        var es = try Strategy(configuration: .snes(populationSize: 8, sigma: 0.5, seed: 3), mean: [0, 0, 0])
        let genomes = es.ask()
        let f: [Float] = [0, 5, 1, 2, 3, 4, 9, 7]
        try es.tell(f)
        XCTAssertEqual(es.state.best, BestMember(fitness: 9, generation: 0, member: 6, genome: genomes[6]))
        try es.tell([Float](repeating: 1, count: 8))
        XCTAssertEqual(es.state.best?.fitness, 9, "a worse generation does not replace the best")
        try es.tell([Float](repeating: 10, count: 8))
        XCTAssertEqual(es.state.best?.generation, 2)
        XCTAssertEqual(es.state.best?.member, 0, "ties go to the lowest index")
    }

    func testReportDescribesTheGeneration() throws {
        var c = StrategyConfiguration.openAIES(populationSize: 4, sigma: 0.3)
        c.learningRate = .linear(initial: 1, final: 0, generations: 10)
        var es = try Strategy(configuration: c, mean: [0, 0])
        _ = try es.tell([1, 2, 3, 4])
        let r = try es.tell([1, 2, 3, 6])
        XCTAssertEqual(r.generation, 1)
        XCTAssertEqual(r.learningRate, 0.9, accuracy: 1e-6)
        XCTAssertEqual(r.sigmaMean, 0.3)
        XCTAssertEqual(r.fitnessMean, 3)
        XCTAssertEqual(r.fitnessStd, Float(3.5.squareRoot()), accuracy: 1e-6) // population std of 1, 2, 3, 6
        XCTAssertGreaterThan(r.updateNorm, 0)
        XCTAssertEqual(es.generation, 2)
    }

    func testSigmaScheduleAndAdaptation() throws {
        var c = StrategyConfiguration.openAIES(populationSize: 4)
        c.sigma = .exponential(initial: 1, decay: 0.5, floor: 0.2)
        var es = try Strategy(configuration: c, mean: [0])
        var sigmas: [Float] = []
        for _ in 0..<4 { sigmas.append(es.state.sigma[0]); try es.tell([1, 2, 3, 4]) }
        XCTAssertEqual(sigmas, [1, 0.5, 0.25, 0.2])
        // SNES: σ_j grows along a coordinate where wider samples score better (f = |θ|).
        var snes = try Strategy(configuration: .snes(populationSize: 20, sigma: 1, seed: 1), mean: [0, 0])
        for _ in 0..<10 { try snes.step { g, _ in abs(g[0]) - abs(g[1]) } }
        XCTAssertGreaterThan(snes.state.sigma[0], 1.5)
        XCTAssertLessThan(snes.state.sigma[1], 0.8)
        // PGPE: σ moves at most 20 % per generation.
        var pgpe = try Strategy(configuration: .pgpe(populationSize: 20, sigma: 1, seed: 1), mean: [0, 0])
        try pgpe.step { g, _ in abs(g[0]) * 1000 }
        XCTAssertLessThanOrEqual(pgpe.state.sigma[0], 1.2)
        XCTAssertGreaterThan(pgpe.state.sigma[0], 1)
    }

    func testConfigurationProblemsNameTheirKeys() {
        var c = StrategyConfiguration()
        c.populationSize = 7
        c.sigma = .constant(0)
        c.weightDecay = -1
        c.optimizer = .adam(beta1: 1.5, beta2: 0.9, epsilon: 1e-8)
        let problems = c.problems(dimension: 3)
        XCTAssertTrue(problems.contains { $0.key == "population_size" && $0.reason.hasPrefix("must be even") })
        XCTAssertTrue(problems.contains { $0.key == "sigma" })
        XCTAssertTrue(problems.contains { $0.key == "weight_decay" })
        XCTAssertTrue(problems.contains { $0.key == "optimizer" && $0.reason.contains("beta1") })
        XCTAssertThrowsError(try Strategy(configuration: c, mean: [0, 0, 0])) { error in
            XCTAssertTrue("\(error)".contains("population_size"))
        }
        var snes = StrategyConfiguration.snes(populationSize: 4)
        snes.sigma = .linear(initial: 1, final: 0.1, generations: 5)
        XCTAssertTrue(snes.problems(dimension: 2).contains { $0.key == "sigma" && $0.reason.contains("must be a constant") })
        XCTAssertThrowsError(try Strategy(configuration: .openAIES(populationSize: 4), mean: []))
    }

    func testTellRejectsAWrongFitnessCount() throws {
        var es = try Strategy(configuration: .openAIES(populationSize: 4), mean: [0])
        XCTAssertThrowsError(try es.tell([1, 2, 3])) {
            XCTAssertEqual($0 as? EvolutionError, .fitnessCount(got: 3, expected: 4))
        }
        XCTAssertEqual(es.generation, 0)
    }

    func testConfigurationDecodesSnakeCaseWithDefaults() throws {
        let json = #"""
        {"algorithm": "pgpe", "population_size": 32, "sigma": 0.5,
         "learning_rate": {"exponential": {"initial": 0.1, "decay": 0.99, "floor": 0.001}},
         "optimizer": {"clipup": {"max_speed": 0.2}}, "shaping": "z-score", "seed": 12}
        """#
        let c = try JSONDecoder().decode(StrategyConfiguration.self, from: Data(json.utf8))
        XCTAssertEqual(c.algorithm, .pgpe)
        XCTAssertEqual(c.populationSize, 32)
        XCTAssertEqual(c.sigma, .constant(0.5))
        XCTAssertEqual(c.optimizer, .clipUp(momentum: 0.9, maxSpeed: 0.2))
        XCTAssertEqual(c.shaping, .zScore)
        XCTAssertTrue(c.antithetic)
        XCTAssertEqual(c.seed, 12)
        XCTAssertEqual(try JSONDecoder().decode(StrategyConfiguration.self, from: JSONEncoder().encode(c)), c)
        XCTAssertThrowsError(try JSONDecoder().decode(StrategyConfiguration.self, from: Data(#"{"algorithm": "cma-es"}"#.utf8)))
        XCTAssertTrue(StrategyConfiguration.keys.contains("population_size"))
        // Absent keys take the chosen algorithm's paper defaults.
        let snes = try JSONDecoder().decode(StrategyConfiguration.self, from: Data(#"{"algorithm": "snes"}"#.utf8))
        XCTAssertEqual(snes, StrategyConfiguration(algorithm: .snes))
        XCTAssertEqual(snes.shaping, .nesUtilities)
        XCTAssertEqual(snes.optimizer, .sgd)
    }

    func testMetricsRowFollowsItsColumns() throws {
        var es = try Strategy(configuration: .openAIES(populationSize: 4, sigma: 0.2), mean: [0, 0])
        let r = try es.tell([1, 2, .nan, 4])
        let row = r.metricsRow(wallSeconds: 1.5)
        XCTAssertEqual(row.count, GenerationReport.metricsColumns.count)
        let named = Dictionary(uniqueKeysWithValues: zip(GenerationReport.metricsColumns, row))
        XCTAssertEqual(Array(GenerationReport.metricsColumns.prefix(7)),
                       ["generation", "fitness_mean", "fitness_max", "fitness_min", "sigma_mean", "grad_norm", "wall_seconds"])
        XCTAssertEqual(named["fitness_max"], 4)
        XCTAssertEqual(named["fitness_min"], 1)
        XCTAssertEqual(named["non_finite"], 1)
        XCTAssertEqual(named["wall_seconds"], 1.5)
        XCTAssertEqual(named["sigma_mean"]!, 0.2, accuracy: 1e-7)
        XCTAssertEqual(named["best_so_far"], 4)
    }
}
