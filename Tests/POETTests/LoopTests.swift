import Checkpoint
import Environments
import XCTest
@testable import POET

/// The loop's rules inside a real run on `point-course`.
final class LoopTests: XCTestCase {
    /// A small, fast loop: 8 ES members, 2 evaluation episodes.
    func makeRun(_ overrides: [String] = [], threads: Int = 2) throws -> POETRun {
        let c = try Fixture.config("poet-quick.yaml", ["es.population_size=8", "poet.eval_episodes=1"] + overrides)
        return try POETRun(configuration: c, threads: threads)
    }

    /// Admits a child of `pairs[parent]` by hand (as reproduction would).
    func admitChild(_ run: inout POETRun, of parent: Int, stream seed: UInt64) throws {
        let p = run.pairs[parent]
        var encoding = try run.family.mutate(p.encoding, stream: .init(seed: seed, path: ["test"]))
        while run.allPairs.contains(where: { $0.encoding == encoding }) {
            encoding = try run.family.mutate(encoding, stream: .init(seed: seed, path: ["again"]))
        }
        let pair = try run.makePair(encoding: encoding, terrainSeed: seed, parent: p.id, novelty: 0, genome: p.genome)
        run.admit(pair, mcScore: nil, source: nil)
    }

    func testTheOldestPairRetiresToTheArchiveBeyondCapacity() throws {
        var run = try makeRun(["poet.capacity=2"])
        try admitChild(&run, of: 0, stream: 1)
        run.retireBeyondCapacity()
        XCTAssertEqual(run.pairs.map(\.id), [0, 1], "at capacity nothing retires")
        try admitChild(&run, of: 1, stream: 2)
        run.iteration = 7
        run.retireBeyondCapacity()
        XCTAssertEqual(run.pairs.map(\.id), [1, 2])
        XCTAssertEqual(run.archive.map(\.id), [0])
        XCTAssertEqual(run.archive[0].retiredAt, 7)
        XCTAssertTrue(run.events.last!.contains("\"event\":\"retired\",\"env\":0"))
    }

    func testNoveltyCountsActiveAndArchivedEnvironments() throws {
        var run = try makeRun(["poet.capacity=1", "poet.novelty_k=1"])
        let flat = run.pairs[0].encoding
        try admitChild(&run, of: 0, stream: 3)
        run.retireBeyondCapacity()   // the flat environment is archived
        XCTAssertEqual(run.archive.map(\.encoding), [flat])
        let environment = try run.environment(of: flat, terrainSeed: 0)
        var summary = POETRun.IterationSummary()
        // A child identical to an archived environment has novelty 0 at k = 1.
        let same = POETRun.Child(trial: 0, parent: 0, encoding: flat, terrainSeed: 0)
        let far = POETRun.Child(trial: 1, parent: 0, encoding: try run.family.mutate(run.pairs[0].encoding, stream: .init(seed: 9)),
                                terrainSeed: 0)
        let novelty = try run.noveltyScores(of: [same, far], environments: [environment, environment], summary: &summary)
        XCTAssertEqual(novelty[0], 0)
        let expected = try min(run.family.distance(far.encoding, flat), run.family.distance(far.encoding, run.pairs[0].encoding))
        XCTAssertEqual(novelty[1], expected)
        XCTAssertGreaterThan(novelty[1], 0)
        XCTAssertEqual(Novelty.rankDescending(novelty), [1, 0])
    }

    func testAChildOutsideTheMinimalCriterionIsNeverAdmitted() throws {
        var run = try makeRun(["poet.reproduction_threshold=-1e9", "poet.mc_low=1e8", "poet.mc_high=1e9"])
        _ = try run.runGeneration()
        var summary = POETRun.IterationSummary()
        try run.reproduce(summary: &summary)
        XCTAssertEqual(summary.admitted, 0)
        XCTAssertEqual(run.pairs.count, 1)
        let event = try XCTUnwrap(run.events.last { $0.contains("\"event\":\"reproduction\"") })
        XCTAssertTrue(event.contains("\"passed_mc\":0"), event)
    }

    func testTheMostNovelChildInsideTheCriterionIsAdmitted() throws {
        var run = try makeRun(["poet.reproduction_threshold=-1e9", "poet.mc_low=-1e9", "poet.mc_high=1e9",
                               "poet.max_children=8", "poet.max_admitted=1"])
        try admitChild(&run, of: 0, stream: 5)   // a second parent whose mutations are random
        _ = try run.runGeneration()
        var summary = POETRun.IterationSummary()
        try run.reproduce(summary: &summary)
        XCTAssertEqual(summary.admitted, 1)
        let event = try XCTUnwrap(run.events.last { $0.contains("\"event\":\"reproduction\"") })
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(event.utf8)) as? [String: Any])
        let candidates = try XCTUnwrap(object["candidates"] as? [[String: Any]])
        XCTAssertGreaterThan(candidates.count, 1, "the test needs a choice")
        let novelties = candidates.compactMap { $0["novelty"] as? Double }
        XCTAssertEqual(novelties.count, candidates.count, "every child passes a criterion this wide")
        let admitted = try XCTUnwrap(candidates.first { $0["admitted"] as? Bool == true })
        XCTAssertEqual(admitted["novelty"] as? Double, novelties.max())
        XCTAssertEqual(run.pairs.last?.novelty, novelties.max())
    }

    func testATransferThatBeatsTheIncumbentReplacesItAndOneThatDoesNotDoesNot() throws {
        var run = try makeRun()
        _ = try run.runGeneration()
        try admitChild(&run, of: 0, stream: 11)
        run.pairs[1].strategy = try run.strategy(seed: 99, mean: run.pairs[1].genome.map { $0 * 0.5 })
        // Pair 0's incumbent cannot be beaten; pair 1's can be by anything.
        run.pairs[0].recentScores = [1e9]
        run.pairs[1].recentScores = [-1e9]
        let before = run.pairs.map(\.strategy.state)
        var summary = POETRun.IterationSummary()
        try run.transfer(summary: &summary)
        XCTAssertEqual(summary.transfers, 1)
        XCTAssertEqual(run.pairs[0].strategy.state, before[0], "the unbeaten incumbent is kept as it was")
        XCTAssertEqual(run.pairs[0].transfersIn, 0)
        XCTAssertEqual(run.pairs[1].transfersIn, 1)
        XCTAssertEqual(run.pairs[1].epoch, 1)
        XCTAssertNotEqual(run.pairs[1].genome, before[1].mean)
        XCTAssertEqual(run.pairs[1].strategy.state.optimizer.step, 0, "a transferred agent starts with fresh Adam moments")
        let event = try XCTUnwrap(run.events.last)
        XCTAssertTrue(event.contains("\"event\":\"transfer\",\"env\":1,\"source\":0"), event)
        XCTAssertEqual(run.pairs[1].recentScores.last, run.pairs[1].score)
        if event.contains("\"kind\":\"direct\"") {
            XCTAssertEqual(run.pairs[1].genome, before[0].mean, "a direct transfer copies the source's θ")
        }
    }
}
