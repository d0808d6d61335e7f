import Environments
import Foundation
import Random
import XCTest
@testable import Walker

final class WalkerMutationTests: XCTestCase {
    let family = WalkerTerrainFamily()

    /// 10,000 mutations along random lineages: every child is within bounds,
    /// differs from its parent, and moves as POET's `Reproducer` moves.
    func testMutationStaysInBoundsAndChangesAParameter() {
        for kinds: [WalkerTerrainFamily.Kind] in [[.roughness, .pit, .stump], [.roughness], [.roughness, .pit, .stump, .stair]] {
            let family = WalkerTerrainFamily(kinds: kinds)
            let stream = RandomStream(seed: 17, path: ["mutation", .label(kinds.map(\.rawValue).joined())])
            var pool = [family.initialEncoding]
            for i in 0..<10_000 {
                let parent = pool[stream.integer(below: pool.count)]
                let child = family.mutate(parent, stream: stream)
                XCTAssertNotEqual(child, parent, "mutation \(i) of \(parent)")
                XCTAssertTrue(family.contains(child), "\(child)")
                XCTAssertNoThrow(try family.validate(child))
                XCTAssertTrue(WalkerTerrainFamily.pitMutation.admits(child.pitGap), "\(child)")
                XCTAssertTrue(WalkerTerrainFamily.stumpMutation.admits(child.stumpHeight), "\(child)")
                XCTAssertTrue(WalkerTerrainFamily.stairMutation.admits(child.stairHeight), "\(child)")
                let dr = abs(child.groundRoughness - parent.groundRoughness)
                XCTAssertLessThanOrEqual(dr, 0.6 + 1e-9)
                XCTAssertEqual(child.groundRoughness, (child.groundRoughness * 10).rounded() / 10, "rounded to 0.1")
                if parent.hasPits {
                    XCTAssertTrue(zip(parent.pitGap, child.pitGap).allSatisfy { isMove($0, $1, by: 0.4) }, "\(parent) → \(child)")
                }
                if parent.hasStumps {
                    XCTAssertTrue(zip(parent.stumpHeight, child.stumpHeight).allSatisfy { isMove($0, $1, by: 0.2) })
                    XCTAssertEqual(child.stumpWidth, [1, 2])
                    XCTAssertEqual(child.stumpFloat, [0, 1])
                }
                XCTAssertEqual(kinds.contains(.pit), child.hasPits)
                XCTAssertEqual(kinds.contains(.stump), child.hasStumps)
                XCTAssertEqual(kinds.contains(.stair), child.hasStairs)
                pool.append(child)
                if pool.count > 200 { pool.removeFirst() }
            }
        }
    }

    func isMove(_ a: Double, _ b: Double, by delta: Double) -> Bool {
        [0, delta, -delta].contains { abs(b - a - $0) < 1e-9 }
    }

    func testFirstMutationEnablesObstaclesAtPOETsStartingRanges() {
        let child = family.mutate(.flat, stream: RandomStream(seed: 1))
        XCTAssertEqual(child.pitGap, [0, 0.8])
        XCTAssertEqual(child.stumpWidth, [1, 2])
        XCTAssertEqual(child.stumpHeight, [0, 0.4])
        XCTAssertEqual(child.stumpFloat, [0, 1])
        XCTAssertFalse(child.hasStairs)
        XCTAssertTrue((0...0.6).contains(child.groundRoughness))
    }

    func testRoughnessIsClippedToItsBounds() {
        let stream = RandomStream(seed: 3)
        let top = WalkerTerrainFamily(kinds: [.roughness])
        for _ in 0..<500 {
            XCTAssertLessThanOrEqual(top.mutate(WalkerTerrainEncoding(groundRoughness: 10), stream: stream).groundRoughness, 10)
            XCTAssertGreaterThanOrEqual(top.mutate(WalkerTerrainEncoding(groundRoughness: 0), stream: stream).groundRoughness, 0)
        }
    }

    /// The novelty distance is a metric on encodings: d(a, a) = 0, symmetric,
    /// positive between different vectors, triangle inequality.
    func testDistanceIsAMetricOnSamples() {
        let stream = RandomStream(seed: 9)
        var samples = [family.initialEncoding]
        for _ in 0..<60 { samples.append(family.mutate(samples[stream.integer(below: samples.count)], stream: stream)) }
        for a in samples {
            XCTAssertEqual(family.distance(a, a), 0)
            for b in samples {
                let d = family.distance(a, b)
                XCTAssertEqual(d, family.distance(b, a))
                XCTAssertEqual(d > 0, family.vector(a) != family.vector(b))
                for c in samples.prefix(20) {
                    XCTAssertLessThanOrEqual(d, family.distance(a, c) + family.distance(c, b) + 1e-12)
                }
            }
        }
        // POET's normalisation: roughness, pit ends / 8, stump heights / 3.
        let a = WalkerTerrainEncoding(groundRoughness: 8), b = WalkerTerrainEncoding(stumpWidth: [1, 2], stumpHeight: [0, 3],
                                                                                         stumpFloat: [0, 1])
        XCTAssertEqual(family.distance(a, .flat), 1, accuracy: 1e-12)
        XCTAssertEqual(family.distance(b, .flat), 1, accuracy: 1e-12)
        XCTAssertEqual(family.distance(a, b), 2.squareRoot(), accuracy: 1e-12)
    }

    func testEncodingRoundTripsWithPOETsKeysAndRefusesBadRanges() throws {
        let e = WalkerTerrainEncoding(groundRoughness: 1.2, pitGap: [0.4, 1.6], stumpWidth: [1, 2],
                                        stumpHeight: [0.2, 0.6], stumpFloat: [0, 1])
        let data = try JSONEncoder().encode(e)
        let text = String(decoding: data, as: UTF8.self)
        for key in ["ground_roughness", "pit_gap", "stump_width", "stump_height", "stump_float", "stair_steps"] {
            XCTAssertTrue(text.contains(key), text)
        }
        XCTAssertEqual(try JSONDecoder().decode(WalkerTerrainEncoding.self, from: data), e)
        XCTAssertEqual(e.name, "r1.2.p0.4_1.6.b1_0.2_0.6")
        XCTAssertEqual(WalkerTerrainEncoding.flat.description, "flat")
        let partial = try JSONDecoder().decode(WalkerTerrainEncoding.self, from: Data(#"{"pit_gap":[1,2]}"#.utf8))
        XCTAssertEqual(partial, WalkerTerrainEncoding(pitGap: [1, 2]))
        for bad in [#"{"pit_gap":[2,1]}"#, #"{"stump_height":[0.1]}"#, #"{"ground_roughness":"x"}"#] {
            XCTAssertThrowsError(try JSONDecoder().decode(WalkerTerrainEncoding.self, from: Data(bad.utf8)), bad)
        }
        XCTAssertThrowsError(try family.validate(WalkerTerrainEncoding(groundRoughness: 11))) { error in
            XCTAssertTrue("\(error)".contains("ground_roughness"), "\(error)")
        }
    }

    func testRegistrationMakesWalkerTerrainResolvable() throws {
        WalkerTerrainFamily.register()
        WalkerTerrainFamily.register()  // idempotent
        let parametric = try EnvironmentRegistry.standard.resolveParametric("walker-terrain")
        XCTAssertEqual(parametric.solvedThreshold, 230)
        XCTAssertEqual(parametric.minimalCriterion, 50...300)
        XCTAssertEqual(EnvironmentRegistry.standard.parametricFamilies.map(\.name).filter { $0 == "walker-terrain" }.count, 1)
        let family = try EnvironmentRegistry.standard.resolve("Walker-Terrain")
        XCTAssertEqual(family.observationSpace.dimension, 24)
        let task = try family.task(seed: 2, split: .train, index: 4)
        let env = try family.makeEnvironment(task)
        XCTAssertEqual(env.maxEpisodeSteps, 2000)
        XCTAssertEqual(try JSONDecoder().decode(AnyTask.self, from: JSONEncoder().encode(task)), task)
        let child = try parametric.mutate(parametric.initialEncoding, stream: RandomStream(seed: 1))
        XCTAssertEqual(try JSONDecoder().decode(AnyEncoding.self, from: JSONEncoder().encode(child)), child)
        XCTAssertEqual(try parametric.distance(child, parametric.initialEncoding),
                       WalkerTerrainFamily().distance(child.value as! WalkerTerrainEncoding, .flat))
        XCTAssertTrue(try parametric.makeEnvironment(child, terrainSeed: 3) is BipedalWalker)
    }
}
