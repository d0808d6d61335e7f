import Config
import Foundation
import ES
import Policies
import Runs
import XCTest

/// ES actually learns: a small population balances CartPole.
final class LearningTests: XCTestCase {
    func testSmallPopulationLearnsToBalanceCartPole() throws {
        let config = try ConfigDocument(yaml: """
            name: learn
            seed: 1
            algorithm: es
            env: CartPole-v1
            es: {population_size: 48, sigma: 0.1, learning_rate: 0.05}
            policy: {hidden_sizes: [16]}
            evaluation: {max_steps: 500}
            """).decode(ESConfiguration.self)
        var run = try ESRun(configuration: config, threads: 2)
        var first = 0.0, best = 0.0
        for g in 0..<40 {
            let mean = try run.runGeneration().fitnessMean
            if g == 0 { first = mean }
            best = max(best, mean)
        }
        XCTAssertLessThan(first, 100, "μ₀ does not balance the pole")
        XCTAssertGreaterThan(best, 400, "population mean return after 40 generations")
    }
}
