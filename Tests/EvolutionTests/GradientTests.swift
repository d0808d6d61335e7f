import XCTest
@testable import Evolution

/// The ES gradient estimate against the true gradient of a linear fitness
/// f(θ) = c·θ: with raw shaping and plain SGD at α = 1, Δμ is the estimate
/// itself, so the average of μ's steps over G generations must approach the
/// algorithm's expected gradient within a few standard errors.
final class GradientTests: XCTestCase {
    let d = 16
    lazy var c: [Float] = (0..<d).map { Float(sin(Double($0) * 1.3)) }

    func averageStep(_ config: StrategyConfiguration, generations: Int) throws -> [Double] {
        var es = try Strategy(configuration: config, mean: [Float](repeating: 0, count: d), threads: 2)
        let c = self.c
        var total = [Double](repeating: 0, count: d)
        for _ in 0..<generations {
            let before = es.mean
            try es.step { genome, _ in zip(genome, c).reduce(0) { $0 + $1.0 * $1.1 } }
            for j in 0..<d { total[j] += Double(es.mean[j] - before[j]) }
        }
        return total.map { $0 / Double(generations) }
    }

    func configuration(_ algorithm: StrategyAlgorithm, antithetic: Bool = true) -> StrategyConfiguration {
        var config = StrategyConfiguration()
        config.algorithm = algorithm
        config.populationSize = 400
        config.antithetic = antithetic
        config.sigma = .constant(0.5)
        config.learningRate = .constant(1)
        config.optimizer = .sgd
        config.shaping = .raw
        config.sigmaLearningRate = 0 // keep σ fixed so every generation estimates the same thing
        config.seed = 11
        return config
    }

    /// Per-coordinate standard error of the average: Var[(c·ε)ε_j] = ‖c‖² + c_j²
    /// per noise sample, scaled by the algorithm's factor.
    func assertClose(_ got: [Double], _ expected: [Double], perSampleScale: Double, samples: Int) {
        let cc = c.map { Double($0) * Double($0) }.reduce(0, +)
        for j in 0..<d {
            let se = perSampleScale * ((cc + Double(c[j] * c[j])) / Double(samples)).squareRoot()
            XCTAssertEqual(got[j], expected[j], accuracy: 5 * se, "coordinate \(j)")
        }
    }

    func testOpenAIESAntitheticEstimatesTheGradient() throws {
        // g = 1/(nσ) Σ_p 2σ(c·ε_p)ε_p = (1/P) Σ_p (c·ε_p)ε_p → c.
        let G = 100
        let got = try averageStep(configuration(.openAIES), generations: G)
        assertClose(got, c.map(Double.init), perSampleScale: 1, samples: 200 * G)
    }

    func testOpenAIESIndependentEstimatesTheGradient() throws {
        // g = 1/(nσ) Σ_i (c·(μ + σε_i)) ε_i → c. μ is reset to 0 before every
        // generation (restoring the state) so the baseline term c·μ/σ, which
        // only adds variance, stays zero.
        let G = 100
        let config = configuration(.openAIES, antithetic: false)
        var es = try Strategy(configuration: config, mean: [Float](repeating: 0, count: d), threads: 2)
        let c = self.c
        var total = [Double](repeating: 0, count: d)
        for _ in 0..<G {
            var state = es.state
            state.mean = [Float](repeating: 0, count: d)
            es = try Strategy(configuration: config, restoring: state, threads: 2)
            try es.step { genome, _ in zip(genome, c).reduce(0) { $0 + $1.0 * $1.1 } }
            for j in 0..<d { total[j] += Double(es.mean[j]) }
        }
        assertClose(total.map { $0 / Double(G) }, c.map(Double.init), perSampleScale: 1, samples: 400 * G)
    }

    func testSNESEstimatesTheScaledGradient() throws {
        // g = σ Σ_i u_i s_i = σ Σ_p 2σ(c·ε)ε → nσ² c (with η_σ = 0).
        let G = 100
        let got = try averageStep(configuration(.snes), generations: G)
        let scale = 400 * 0.25
        assertClose(got, c.map { scale * Double($0) }, perSampleScale: scale, samples: 200 * G)
    }

    func testPGPEEstimatesTheScaledGradient() throws {
        // g = σ/P Σ_p (f₊ − f₋)/2 ε_p = σ/P Σ_p σ(c·ε)ε → σ² c.
        let G = 100
        let got = try averageStep(configuration(.pgpe), generations: G)
        assertClose(got, c.map { 0.25 * Double($0) }, perSampleScale: 0.25, samples: 200 * G)
    }
}
