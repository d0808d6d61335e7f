import Agents
@testable import EPG
import XCTest

/// The "who gets there first" statistics of `populus compare` on hand-made
/// learning curves whose answers are known.
final class ComparisonSummaryTests: XCTestCase {
    /// A lifetime of 100-step episodes with these returns.
    private func run(_ method: String, seed: Int, returns: [Double]) -> MethodRun {
        var curve = LearningCurve()
        for (i, r) in returns.enumerated() { curve.episodes.append(EpisodeRecord(step: 100 * (i + 1), return: r, length: 100)) }
        let outcome = LifetimeOutcome(curve: curve, fitness: returns.last ?? .nan, evolvedSteps: 0, skippedSteps: 0,
                                      steps: 100 * returns.count)
        return MethodRun(method: method, seed: seed, task: "t\(seed)", outcome: outcome, alignment: [])
    }

    func testMeanCurveAndPairedOrderTellSteadyFromLuckyLearners() {
        // evolved: every seed climbs 1, 2, …, 10 and reaches 8 at step 800.
        // ppo: seed 0 spikes to 9 at step 200 and falls back; seeds 1 and 2 never learn.
        let steady = (1...10).map(Double.init)
        var runs = (0..<3).map { run("evolved", seed: $0, returns: steady) }
        runs.append(run("ppo", seed: 0, returns: [0, 9, 0, 0, 0, 0, 0, 0, 0, 0]))
        runs += (1..<3).map { run("ppo", seed: $0, returns: Array(repeating: 0, count: 10)) }
        let result = ComparisonResult(runs: runs, methods: ["evolved", "ppo"], split: .test, seeds: 3, budget: 1000,
                                      lastEpisodes: 2)
        let summary = ComparisonSummary(result, threshold: 8, thresholdWindow: 1, curvePoints: 10)

        let evolved = try! XCTUnwrap(summary.method("evolved")), ppo = try! XCTUnwrap(summary.method("ppo"))
        XCTAssertEqual(evolved.stepsToThreshold, [800, 800, 800])
        XCTAssertEqual(ppo.stepsToThreshold, [200, nil, nil])
        XCTAssertEqual(evolved.meanCurveStepsToThreshold, 800)
        XCTAssertNil(ppo.meanCurveStepsToThreshold, "PPO's mean curve peaks at 3")
        let order = try! XCTUnwrap(summary.firstToThreshold)
        XCTAssertEqual(order.evolved, 2)
        XCTAssertEqual(order.ppo, 1)
        XCTAssertEqual(order.ties, 0)

        // The report carries both views.
        let report = ComparisonReport(result: result, summary: summary, title: "t", context: [])
        XCTAssertTrue(report.markdown.contains("| evolved | 9.5"), report.markdown)
        XCTAssertTrue(report.markdown.contains("first on 2, PPO's on 1, neither or both at once on 0 of 3"), report.markdown)
    }

    func testPairedOrderCountsNeverAsLaterThanAnyStep() {
        let o = ComparisonSummary.pairedOrder([100, nil, nil, 300], [200, 50, nil, 300])
        XCTAssertEqual(o.evolved, 1)
        XCTAssertEqual(o.ppo, 1)
        XCTAssertEqual(o.ties, 2)
    }
}
