import Random
import XCTest
@testable import Evolution

/// The taus2 streams ES noise is drawn from, and the blocks they fill.
final class NoiseStreamTests: XCTestCase {
    func testStreamsAreDerivedFromSeedAndPathAlone() {
        func draws(_ seed: UInt64, _ path: [StreamPathComponent]) -> [UInt32] {
            let s = RandomStream(seed: seed, path: path, generator: .taus2)
            return (0..<64).map { _ in s.next32() }
        }
        XCTAssertEqual(draws(7, ["es-noise", 3, 4, 0]), draws(7, ["es-noise", 3, 4, 0]))
        XCTAssertNotEqual(draws(7, ["es-noise", 3, 4, 0]), draws(7, ["es-noise", 3, 4, 1]))
        XCTAssertNotEqual(draws(7, ["es-noise", 3, 4, 0]), draws(8, ["es-noise", 3, 4, 0]))
        XCTAssertNotEqual(draws(7, ["es-noise", 3, 4, 0]), draws(7, ["es-noise", 4, 3, 0]))
        // Nearby keys give unrelated streams: no shared leading words.
        let firsts = (0..<1000).map { draws(1, ["es-noise", 0, .init($0), 0])[0] }
        XCTAssertEqual(Set(firsts).count, 1000)
        // A copy continues exactly where its original is, on the same generator.
        let s = RandomStream(seed: 2, path: ["copy"], generator: .taus2)
        _ = s.next32()
        let c = s.copy()
        XCTAssertEqual(c.generator, .taus2)
        XCTAssertEqual((0..<16).map { _ in c.next32() }, (0..<16).map { _ in s.next32() })
        XCTAssertNotEqual(draws(7, ["es-noise", 3, 4, 0]),
                          { let m = RandomStream(seed: 7, path: ["es-noise", 3, 4, 0]); return (0..<64).map { _ in m.next32() } }(),
                          "the two generators differ for the same key")
    }

    func testGaussianMomentsAndUniformBits() {
        let s = RandomStream(seed: 5, path: ["moments"], generator: .taus2)
        var v = [Float](repeating: 0, count: 200_000)
        v.withUnsafeMutableBufferPointer { s.fill(gaussian: $0) }
        let x = v.map(Double.init), n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let variance = x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n
        let kurtosis = x.map { pow(($0 - mean), 4) }.reduce(0, +) / n / (variance * variance)
        XCTAssertEqual(mean, 0, accuracy: 0.01)
        XCTAssertEqual(variance, 1, accuracy: 0.015)
        XCTAssertEqual(kurtosis, 3, accuracy: 0.06)
        var ones = [Int](repeating: 0, count: 32)
        for _ in 0..<20_000 { let w = s.next32(); for b in 0..<32 where w >> UInt32(b) & 1 == 1 { ones[b] += 1 } }
        for b in 0..<32 { XCTAssertEqual(Double(ones[b]) / 20_000, 0.5, accuracy: 0.02, "bit \(b)") }
    }

    func testWeightedSumsAreTheSameForAnyThreadCountAndMatchExplicitSums() {
        let field = NoiseField(seed: 3, dimension: 3 * NoiseField.blockLength + 17)
        let a: [Float] = (0..<9).map { Float($0) - 4 }, b: [Float] = (0..<9).map { Float($0 % 3) }
        let one = field.weightedSums(generation: 2, a: a, b: b, threads: 1)
        let three = field.weightedSums(generation: 2, a: a, b: b, threads: 3)
        XCTAssertEqual(one.a.map(\.bitPattern), three.a.map(\.bitPattern))
        XCTAssertEqual(one.b!.map(\.bitPattern), three.b!.map(\.bitPattern))
        let eps = (0..<9).map { field.epsilon(generation: 2, noiseIndex: $0) }
        for j in stride(from: 0, to: field.dimension, by: 97) {
            var sa: Float = 0, sb: Float = 0
            for p in 0..<9 { sa += a[p] * eps[p][j]; sb += b[p] * (eps[p][j] * eps[p][j] - 1) }
            XCTAssertEqual(one.a[j].bitPattern, sa.bitPattern, "coordinate \(j)")
            XCTAssertEqual(one.b![j].bitPattern, sb.bitPattern, "coordinate \(j)")
        }
    }

    func testTellWithTheCallersNoiseMatrixEqualsRegenerating() throws {
        for antithetic in [true, false] {
            var config = StrategyConfiguration.openAIES(populationSize: 10, sigma: 0.2, seed: 12)
            config.antithetic = antithetic
            var regenerating = try Strategy(configuration: config, mean: (0..<700).map { Float($0 % 9) * 0.1 }, threads: 2)
            var reading = regenerating
            for _ in 0..<3 {
                let fitness = regenerating.ask().map { g in -g.reduce(0) { $0 + $1 * $1 } }
                let t = reading.generation
                let matrix = NoiseMatrix(generation: t, rows: reading.noiseCount, dimension: reading.dimension)
                for p in 0..<reading.noiseCount { reading.noise.fill(generation: t, noiseIndex: p, into: matrix.row(p)) }
                try regenerating.tell(fitness)
                try reading.tell(fitness, noise: matrix)
                XCTAssertEqual(DeterminismTests.bits(reading.state), DeterminismTests.bits(regenerating.state), "antithetic \(antithetic)")
            }
        }
    }
}
