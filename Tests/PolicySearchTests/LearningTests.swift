import Config
import Foundation
import PolicySearch
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
            """).decode(PolicySearchConfiguration.self)
        var run = try PolicySearchRun(configuration: config, threads: 2)
        let columns = run.metricsColumns
        let mean = columns.firstIndex(of: "fitness_mean")!
        var first = 0.0, best = 0.0
        for g in 0..<40 {
            let row = try run.runGeneration()
            if g == 0 { first = row[mean] }
            best = max(best, row[mean])
        }
        XCTAssertLessThan(first, 100, "μ₀ does not balance the pole")
        XCTAssertGreaterThan(best, 400, "population mean return after 40 generations")
    }
}
