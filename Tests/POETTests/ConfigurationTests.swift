import Walker
import XCTest
@testable import POET

/// The `poet` config: defaults, thresholds and refusals.
final class ConfigurationTests: XCTestCase {
    func testShippedConfigsDecodeAndFillTheFamilysThresholds() throws {
        let quick = try Fixture.config("poet-quick.yaml")
        let family = try POETConfiguration.family(named: quick.env)
        let t = POETThresholds(section: quick.poet, family: family)
        XCTAssertEqual(t.minimalCriterion, MinimalCriterion(low: 25, high: 185), "point-course's own criterion")
        XCTAssertEqual(t.solved, 190)
        let walker = try Fixture.config("poet-walker.yaml")
        let w = POETThresholds(section: walker.poet, family: try POETConfiguration.family(named: walker.env))
        XCTAssertEqual(w.minimalCriterion, MinimalCriterion(low: 50, high: 300))
        XCTAssertEqual(w.reproduction, 200)
        XCTAssertEqual(w.solved, 230)
        // Left null, the reproduction threshold is ⅔ of mc_high: the walker's 200.
        let defaults = POETThresholds(section: POETSection(), family: try { WalkerTerrainFamily.register(); return try POETConfiguration.family(named: "walker-terrain") }())
        XCTAssertEqual(defaults.reproduction, 200)
    }

    func testBadValuesAreRefusedNamingTheKey() throws {
        func refusal(_ overrides: [String]) -> String {
            do {
                _ = try Fixture.config("poet-quick.yaml", overrides)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertTrue(refusal(["poet.mc_low=200", "poet.mc_high=100"]).contains("poet.mc_high"))
        XCTAssertTrue(refusal(["poet.capacity=0"]).contains("poet.capacity"))
        XCTAssertTrue(refusal(["env=walker-terain"]).contains("unknown parametric environment"))
        XCTAssertTrue(refusal(["poet.novelty=random"]).contains("pata-ec"))
        XCTAssertTrue(refusal(["poet.start_encoding={pit_gap: [5, 6]}"]).contains("outside its bounds"))
        XCTAssertTrue(refusal(["poet.start_encoding={pit_gapp: [1, 2]}"]).contains("unknown field 'pit_gapp'"))
    }

    func testAStartEncodingIsTheFirstEnvironment() throws {
        let c = try Fixture.config("poet-quick.yaml", ["poet.start_encoding={pit_gap: [0.4, 1.2]}", "poet.start_terrain_seed=77"])
        let run = try POETRun(configuration: c, threads: 1)
        XCTAssertEqual(run.pairs[0].encoding.description, "pits 0.4–1.2 m")
        XCTAssertEqual(run.pairs[0].terrainSeed, 77)
        XCTAssertEqual(try run.pairs[0].encoding.valueJSON, #"{"pit_gap":[0.4,1.2],"wall_height":[]}"#)
    }
}
