import XCTest
import Random
@testable import Evolution

final class SamplingTests: XCTestCase {
    func testAntitheticPairsAreExactNegatives() throws {
        let es = try Strategy(configuration: .openAIES(populationSize: 8, sigma: 0.3, seed: 4),
                              mean: [Float](repeating: 0, count: 2500), threads: 2)
        let genomes = es.ask()
        for p in 0..<4 {
            XCTAssertEqual(genomes[2 * p], genomes[2 * p + 1].map { -$0 }, "pair \(p)")
            XCTAssertNotEqual(genomes[2 * p], genomes[(2 * p + 2) % 8])
        }
        // Around a non-zero mean the pair is symmetric about μ.
        var shifted = try Strategy(configuration: .pgpe(populationSize: 8, sigma: 0.5), mean: [Float](repeating: 3, count: 40))
        shifted.threads = 1
        let g = shifted.ask()
        for j in 0..<40 { XCTAssertEqual((g[0][j] + g[1][j]) / 2, 3, accuracy: 1e-6) }
    }

    func testMemberIsRebuiltFromIntegersAlone() throws {
        let es = try Strategy(configuration: .snes(populationSize: 6, sigma: 0.2, seed: 9), mean: (0..<1500).map { Float($0) / 100 })
        let genomes = es.ask()
        for i in 0..<6 {
            XCTAssertEqual(es.genome(of: i), genomes[i])
            // A worker holding only (seed, generation, noise index, sign), μ and σ:
            let m = Member(generation: 0, index: i, antithetic: true)
            let eps = NoiseField(seed: 9, dimension: 1500).epsilon(generation: 0, noiseIndex: m.noiseIndex)
            let rebuilt = (0..<1500).map { es.mean[$0] + m.sign * es.state.sigma[$0] * eps[$0] }
            XCTAssertEqual(rebuilt, genomes[i])
            XCTAssertEqual(Strategy.genome(of: m, mean: es.mean, sigma: es.state.sigma, noise: NoiseField(seed: 9, dimension: 1500)),
                           genomes[i])
        }
    }

    func testNoiseIsStandardNormalAndDiffersByGenerationAndPair() {
        let field = NoiseField(seed: 1, dimension: 50_000)
        let e = field.epsilon(generation: 3, noiseIndex: 5).map(Double.init)
        let mean = e.reduce(0, +) / 50_000
        let variance = e.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 50_000
        XCTAssertEqual(mean, 0, accuracy: 0.02)
        XCTAssertEqual(variance, 1, accuracy: 0.03)
        XCTAssertNotEqual(field.epsilon(generation: 3, noiseIndex: 6)[0..<10], field.epsilon(generation: 3, noiseIndex: 5)[0..<10])
        XCTAssertNotEqual(field.epsilon(generation: 4, noiseIndex: 5)[0..<10], field.epsilon(generation: 3, noiseIndex: 5)[0..<10])
        // Blocks are distinct streams: the second block does not repeat the first.
        XCTAssertNotEqual(Array(field.epsilon(generation: 0, noiseIndex: 0)[0..<8]),
                          Array(field.epsilon(generation: 0, noiseIndex: 0)[NoiseField.blockLength..<NoiseField.blockLength + 8]))
    }

    func testIndependentSamplingUsesOneNoisePerMember() throws {
        var c = StrategyConfiguration.openAIES(populationSize: 5, sigma: 1)
        c.antithetic = false
        let es = try Strategy(configuration: c, mean: [0, 0, 0])
        XCTAssertEqual(es.noiseCount, 5)
        XCTAssertEqual(es.members.map(\.noiseIndex), [0, 1, 2, 3, 4])
        XCTAssertTrue(es.members.allSatisfy { $0.sign == 1 })
        XCTAssertEqual(Set(es.ask().map { $0.map(\.bitPattern) }).count, 5)
    }

    func testEvaluateUsesCommonRandomNumbersAndAveragesEpisodes() throws {
        var es = try Strategy(configuration: .openAIES(populationSize: 6, sigma: 0.1, seed: 2), mean: [1, 2, 3], threads: 2)
        let seeds = Locked<[Int: [UInt64]]>([:])
        let f = es.evaluate(episodes: 3) { genome, ctx in
            seeds.withLock { $0[ctx.member.index, default: []].append(ctx.seed) }
            return genome[0] + Float(ctx.episode) // mean over episodes: genome[0] + 1
        }
        let genomes = es.ask()
        for i in 0..<6 { XCTAssertEqual(f[i], genomes[i][0] + 1, accuracy: 1e-6) }
        let s = seeds.withLock { $0 }
        for p in 0..<3 {
            XCTAssertEqual(s[2 * p]!.sorted(), s[2 * p + 1]!.sorted(), "pair \(p) shares its seeds")
            XCTAssertEqual(Set(s[2 * p]!).count, 3, "episodes get different seeds")
        }
        XCTAssertTrue(Set(s[0]!).isDisjoint(with: Set(s[2]!)))
        XCTAssertEqual(s[0]!.sorted(), (0..<3).map { es.evaluationSeed(generation: 0, noiseIndex: 0, episode: $0) }.sorted())
        try es.tell(f)
        XCTAssertEqual(es.generation, 1)
    }
}

/// A tiny lock-protected box for collecting from concurrent closures in tests.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
