import XCTest
@testable import Evolution

/// Bitwise reproducibility: thread counts never change results, and a run
/// serialised after k generations and restored continues exactly.
final class DeterminismTests: XCTestCase {
    /// A cheap fitness with structure in every coordinate and some NaNs.
    static func fitness(_ g: [Float], _ ctx: EvaluationContext) -> Float {
        if ctx.member.index == 3 && ctx.member.generation % 2 == 0 { return .nan }
        var s: Float = 0
        for (j, v) in g.enumerated() where j % 7 == 0 { s -= (v - 0.5) * (v - 0.5) }
        return s + Float(ctx.seed % 1000) * 1e-4
    }

    static let configurations: [StrategyConfiguration] = {
        var es = StrategyConfiguration.openAIES(populationSize: 12, sigma: 0.2, learningRate: 0.05, seed: 77)
        es.weightDecay = 0.01
        es.sigma = .exponential(initial: 0.2, decay: 0.9, floor: 0.05)
        var sgd = es
        sgd.optimizer = .sgd(momentum: 0.9)
        sgd.antithetic = false
        sgd.shaping = .zScore
        return [es, sgd, .snes(populationSize: 10, sigma: 0.3, seed: 5), .pgpe(populationSize: 12, sigma: 0.3, seed: 6)]
    }()

    func run(_ config: StrategyConfiguration, dimension: Int, generations: Int, threads: Int,
             from start: Strategy? = nil) throws -> Strategy {
        var es = try start ?? Strategy(configuration: config, mean: (0..<dimension).map { Float($0 % 5) * 0.1 }, threads: threads)
        es.threads = threads
        for _ in 0..<generations { try es.step(episodes: 2, Self.fitness) }
        return es
    }

    /// Every bit of a state: generation, μ, σ, the optimizer's step and moments.
    static func bits(_ s: StrategyState) -> [UInt64] {
        [UInt64(s.generation), UInt64(s.optimizer.step)]
            + (s.mean + s.sigma + s.optimizer.first + s.optimizer.second).map { UInt64($0.bitPattern) }
    }

    func testRestoreContinueMatchesAnUninterruptedRun() throws {
        for config in Self.configurations {
            let straight = try run(config, dimension: 5000, generations: 7, threads: 2)
            let firstPart = try run(config, dimension: 5000, generations: 3, threads: 2)
            let restored = try Strategy(configuration: config, restoring: firstPart.state, threads: 1)
            let resumed = try run(config, dimension: 5000, generations: 4, threads: 1, from: restored)
            XCTAssertEqual(Self.bits(resumed.state), Self.bits(straight.state), "\(config.algorithm)")
            // And through Codable (JSON) too.
            let json = try JSONEncoder().encode(firstPart.state)
            XCTAssertEqual(Self.bits(try JSONDecoder().decode(StrategyState.self, from: json)), Self.bits(firstPart.state))
        }
    }

    func testAskTellEvaluateAreBitwiseIdenticalForAnyThreadCount() throws {
        // 9,000 coordinates = 36 noise blocks of 256, so tell's accumulation really splits.
        XCTAssertEqual(NoiseField(seed: 0, dimension: 9000).blockCount, 36)
        for config in Self.configurations {
            let reference = try run(config, dimension: 9000, generations: 4, threads: 1)
            for threads in [2, 3, 8] {
                let other = try run(config, dimension: 9000, generations: 4, threads: threads)
                XCTAssertEqual(Self.bits(other.state), Self.bits(reference.state), "\(config.algorithm) with \(threads) threads")
                XCTAssertEqual(other.ask().map { $0.map(\.bitPattern) }, reference.ask().map { $0.map(\.bitPattern) })
            }
        }
    }

    func testRestoringAMismatchedStateThrows() throws {
        var es = try Strategy(configuration: .snes(populationSize: 4, sigma: 1), mean: [1, 2, 3])
        try es.tell([1, 2, 3, 4])
        // SNES keeps one σ per coordinate; OpenAI-ES keeps one σ.
        XCTAssertThrowsError(try Strategy(configuration: .openAIES(populationSize: 4), restoring: es.state)) {
            XCTAssertTrue("\($0)".contains("σ has 3 values"))
        }
        var bad = es.state
        bad.sigma[1] = -1
        XCTAssertThrowsError(try Strategy(configuration: .snes(populationSize: 4, sigma: 1), restoring: bad))
    }

    /// Found by `make fuzz` (target `checkpoint`, one generation after the
    /// restore): a generation or optimizer step of Int.max restored, then
    /// overflowed in the next `tell`. Both are bounded at 2⁵³ now.
    func testCountersNearIntMaxAreRefused() throws {
        var es = try Strategy(configuration: .openAIES(populationSize: 4), mean: [1, 2, 3])
        try es.tell([1, 2, 3, 4])
        for change in [{ (s: inout StrategyState) in s.generation = .max }, { $0.optimizer.step = .max }] {
            var bad = es.state
            change(&bad)
            XCTAssertThrowsError(try Strategy(configuration: .openAIES(populationSize: 4), restoring: bad)) {
                XCTAssertTrue("\($0)".contains("accepted: 0 to 2^53"), "\($0)")
            }
        }
    }
}
