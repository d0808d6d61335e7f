import XCTest
@testable import POET

/// The loop's rules on hand-made cases.
final class RuleTests: XCTestCase {
    func testMinimalCriterionAdmitsOnlyScoresInsideTheRange() {
        let mc = MinimalCriterion(low: 50, high: 300)
        XCTAssertTrue(mc.admits(50))
        XCTAssertTrue(mc.admits(120))
        XCTAssertTrue(mc.admits(300))
        XCTAssertFalse(mc.admits(49.9), "too hard")
        XCTAssertFalse(mc.admits(300.1), "too easy")
        XCTAssertFalse(mc.admits(-100), "the walker falling")
        XCTAssertFalse(mc.admits(.nan))
        XCTAssertEqual(mc.clip(-100), 50)
        XCTAssertEqual(mc.clip(400), 300)
        XCTAssertEqual(mc.clip(.nan), 50)
    }

    func testNoveltyIsTheMeanDistanceToTheKNearest() {
        XCTAssertEqual(Novelty.kNearestMean([3, 1, 2, 10, 5, 4], k: 5), 3)   // (1+2+3+4+5)/5
        XCTAssertEqual(Novelty.kNearestMean([3, 1, 2, 10, 5, 4], k: 1), 1)
        XCTAssertEqual(Novelty.kNearestMean([4, 8], k: 5), 6, "fewer than k neighbours: all of them")
        XCTAssertEqual(Novelty.kNearestMean([], k: 5), 0)
        XCTAssertEqual(Novelty.euclidean([0, 3], [4, 0]), 5)
    }

    func testRankingPutsTheMostNovelFirstAndKeepsTiesInOrder() {
        XCTAssertEqual(Novelty.rankDescending([0.2, 0.9, 0.5, 0.9, 0.1]), [1, 3, 2, 0, 4])
        XCTAssertEqual(Novelty.rankDescending([]), [])
    }

    func testPATAECClipsToTheMinimalCriterionThenRanks() {
        let mc = MinimalCriterion(low: 50, high: 300)
        // Clipped: 50, 50, 60, 300, 300 → ranks 0.5, 0.5, 2, 3.5, 3.5 of 0…4.
        let ec = PATAEC.characterize([-100, 40, 60, 400, 310], criterion: mc)
        XCTAssertEqual(ec, [-0.375, -0.375, 0, 0.375, 0.375])
        // Only the order matters, not the scale of the scores inside the criterion.
        XCTAssertEqual(PATAEC.characterize([60, 70, 80], criterion: mc), PATAEC.characterize([100, 200, 290], criterion: mc))
        XCTAssertEqual(PATAEC.characterize([120], criterion: mc), [0])
    }

    func testCapacityRetiresOnlyWhatExceedsIt() {
        XCTAssertEqual(CapacityRule.retirements(activeCount: 20, capacity: 20), 0)
        XCTAssertEqual(CapacityRule.retirements(activeCount: 21, capacity: 20), 1)
        XCTAssertEqual(CapacityRule.retirements(activeCount: 25, capacity: 20), 5)
        XCTAssertEqual(CapacityRule.retirements(activeCount: 3, capacity: 20), 0)
    }

    func testATransferMustBeatTheMaxOfTheIncumbentsLastEvaluations() {
        let recent = [100.0, 140, 120, 90]
        func candidate(_ source: Int, _ score: Double) -> TransferCandidate {
            TransferCandidate(source: source, kind: .direct, score: score, genome: [Float(source)])
        }
        XCTAssertEqual(TransferRule.threshold(recentScores: recent, window: 5), 140)
        XCTAssertEqual(TransferRule.threshold(recentScores: recent, window: 2), 120)
        XCTAssertEqual(TransferRule.threshold(recentScores: [], window: 5), -.infinity)
        // Beats the latest score (90) but not the best of the window (140): no transfer.
        XCTAssertNil(TransferRule.choose([candidate(1, 130), candidate(2, 95)], recentScores: recent, window: 5))
        XCTAssertNil(TransferRule.choose([candidate(1, 140)], recentScores: recent, window: 5), "a tie is not a win")
        // Beats it: the best candidate wins.
        XCTAssertEqual(TransferRule.choose([candidate(1, 130), candidate(2, 150), candidate(3, 141)],
                                           recentScores: recent, window: 5)?.source, 2)
        // With a window of 1 only the latest evaluation counts.
        XCTAssertEqual(TransferRule.choose([candidate(1, 130)], recentScores: recent, window: 1)?.source, 1)
        // Ties go to the first candidate; NaN never wins.
        XCTAssertEqual(TransferRule.choose([candidate(4, .nan), candidate(5, 200), candidate(6, 200)],
                                           recentScores: recent, window: 5)?.source, 5)
    }
}
