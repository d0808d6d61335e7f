import Agents
import Random
import XCTest
@testable import PBT

/// Explore never leaves the bounds: 10,000 random perturbations and
/// resamples of every kind of dimension, from points inside and outside.
final class ExploreTests: XCTestCase {
    /// One dimension of every scale, with awkward bounds (a tiny log range, a
    /// γ-like log-complement range, an integer range of width 1, one-value and
    /// unsorted choices).
    static let space = try! HyperparameterSpace([
        "learning_rate": HyperparameterRange(scale: .log, min: 1e-5, max: 1e-1),
        "ent_coef": HyperparameterRange(scale: .linear, min: 0, max: 0.05),
        "vf_coef": HyperparameterRange(scale: .linear, min: 0.25, max: 0.26),
        "clip_coef": HyperparameterRange(scale: .log, min: 0.1, max: 0.1000001),
        "gamma": HyperparameterRange(scale: .logComplement, min: 0.9, max: 0.9999),
        "gae_lambda": HyperparameterRange(scale: .logComplement, min: 0, max: 0.99),
        "update_epochs": HyperparameterRange(scale: .integer, min: 1, max: 2),
        "minibatch_size": HyperparameterRange(choices: [256, 64, 128]),
        "max_grad_norm": HyperparameterRange(choices: [0.5]),
    ])

    func testExploreStaysInsideBoundsForTenThousandMovesOfEveryKind() {
        let space = Self.space
        XCTAssertEqual(space.names, ["learning_rate", "ent_coef", "vf_coef", "clip_coef", "gamma", "gae_lambda",
                                     "max_grad_norm", "update_epochs", "minibatch_size"])
        let rules = [ExploreRule(), ExploreRule(factors: [0.8, 1.2], resampleProbability: 0),
                     ExploreRule(factors: [0.8, 1.2], resampleProbability: 1),
                     ExploreRule(factors: [1e-9, 0.5, 2, 1e9], resampleProbability: 0.1)]
        let rng = RandomStream(seed: 42, path: ["explore-test"])
        var x = space.sample(rng)
        var moved = [Int](repeating: 0, count: space.dimensions.count)
        var resampledOnly = [Set<Double>](repeating: [], count: space.dimensions.count)
        for step in 0..<10_000 {
            let rule = rules[step % rules.count]
            let y = space.explore(x, rule: rule, rng: rng)
            XCTAssertTrue(space.contains(y), "step \(step): \(space.describe(y)) left the space")
            for i in y.indices where y[i] != x[i] { moved[i] += 1 }
            if rule.resampleProbability == 1 { for i in y.indices { resampledOnly[i].insert(y[i]) } }
            x = y
        }
        // Every dimension with room to move did move, and resampling explores it.
        for (i, d) in space.dimensions.enumerated() where d.name != "max_grad_norm" {
            XCTAssertGreaterThan(moved[i], 1000, d.name)
            XCTAssertGreaterThan(resampledOnly[i].count, 1, d.name)
        }
        // Perturbing every kind of dimension directly, from points outside the bounds too.
        for i in space.dimensions.indices {
            let r = space.dimensions[i].range
            let starts = [r.lowerBound, r.upperBound, r.lowerBound - 1, r.upperBound * 10 + 1, .nan, .infinity, -.infinity]
            for _ in 0..<1_000 {
                for v in starts {
                    let f = [0.8, 1.2, 1e-12, 1e12][rng.integer(below: 4)]
                    let p = space.perturb(v, i, factor: f, rng: rng)
                    var point = space.sample(rng)
                    point[i] = p
                    XCTAssertTrue(space.contains(point), "\(space.dimensions[i].name): perturb(\(v), ×\(f)) = \(p)")
                }
            }
        }
    }

    func testPriorIsUniformOnItsScale() {
        let space = try! HyperparameterSpace([
            "learning_rate": HyperparameterRange(scale: .log, min: 1e-5, max: 1e-1),
            "gamma": HyperparameterRange(scale: .logComplement, min: 0.9, max: 0.9999),
            "update_epochs": HyperparameterRange(scale: .integer, min: 1, max: 4),
        ])
        let rng = RandomStream(seed: 7, path: ["prior"])
        var logs: [Double] = [], horizons: [Double] = [], counts = [Int](repeating: 0, count: 5)
        for _ in 0..<20_000 {
            let x = space.sample(rng)
            logs.append(log10(x[0]))
            horizons.append(log10(1 - x[1]))
            counts[Int(x[2])] += 1
        }
        // log10 α uniform on [−5, −1]: mean −3, quartiles −4 and −2.
        XCTAssertEqual(logs.reduce(0, +) / Double(logs.count), -3, accuracy: 0.03)
        XCTAssertEqual(logs.sorted()[logs.count / 4], -4, accuracy: 0.05)
        // log10(1 − γ) uniform on [−4, −1].
        XCTAssertEqual(horizons.reduce(0, +) / Double(horizons.count), -2.5, accuracy: 0.03)
        XCTAssertEqual(counts[0], 0)
        for k in 1...4 { XCTAssertEqual(Double(counts[k]) / 20_000, 0.25, accuracy: 0.015) }
    }

    func testPerturbationsFollowTheirScale() {
        let space = Self.space
        let rng = RandomStream(seed: 1, path: [])
        let lr = space.index(of: "learning_rate")!, gamma = space.index(of: "gamma")!
        let epochs = space.index(of: "update_epochs")!, mb = space.index(of: "minibatch_size")!
        XCTAssertEqual(space.perturb(1e-3, lr, factor: 1.2, rng: rng), 1e-3 * 1.2)
        XCTAssertEqual(space.perturb(1e-3, lr, factor: 0.8, rng: rng), 1e-3 * 0.8)
        XCTAssertEqual(space.perturb(0.09, lr, factor: 1.2, rng: rng), 0.1, "clamped to max")
        XCTAssertEqual(space.perturb(0.99, gamma, factor: 1.2, rng: rng), 1 - 0.01 * 1.2, accuracy: 1e-12)
        XCTAssertEqual(space.perturb(0.99, gamma, factor: 0.8, rng: rng), 1 - 0.01 * 0.8, accuracy: 1e-12)
        // Integers move at least one step in the factor's direction.
        XCTAssertEqual(space.perturb(1, epochs, factor: 1.2, rng: rng), 2)
        XCTAssertEqual(space.perturb(2, epochs, factor: 0.8, rng: rng), 1)
        XCTAssertEqual(space.perturb(2, epochs, factor: 1.2, rng: rng), 2, "already at max")
        // Choices move to a neighbour in the listed order [256, 64, 128].
        XCTAssertEqual(space.perturb(256, mb, factor: 1.2, rng: rng), 64)
        XCTAssertEqual(space.perturb(128, mb, factor: 0.8, rng: rng), 64)
        var seen = Set<Double>()
        for _ in 0..<100 { seen.insert(space.perturb(64, mb, factor: 1.2, rng: rng)) }
        XCTAssertEqual(seen, [256, 128])
    }

    func testApplyWritesPPOFields() {
        let space = try! HyperparameterSpace([
            "learning_rate": HyperparameterRange(scale: .log, min: 1e-5, max: 1e-1),
            "gamma": HyperparameterRange(scale: .logComplement, min: 0.9, max: 0.999),
            "gae_lambda": HyperparameterRange(scale: .linear, min: 0.8, max: 1),
            "clip_coef": HyperparameterRange(scale: .linear, min: 0.1, max: 0.3),
            "ent_coef": HyperparameterRange(scale: .linear, min: 0, max: 0.1),
            "update_epochs": HyperparameterRange(scale: .integer, min: 1, max: 10),
            "minibatch_size": HyperparameterRange(choices: [64, 128, 256]),
        ])
        var h = PPOHyperparameters()
        h.numEnvs = 4
        h.numSteps = 128
        space.apply([3e-4, 0.01, 0.2, 0.99, 0.95, 7, 128], to: &h)
        XCTAssertEqual(h.learningRate, 3e-4)
        XCTAssertEqual(h.entCoef, 0.01)
        XCTAssertEqual(h.clipCoef, 0.2)
        XCTAssertEqual(h.gamma, 0.99)
        XCTAssertEqual(h.gaeLambda, 0.95)
        XCTAssertEqual(h.updateEpochs, 7)
        XCTAssertEqual(h.numMinibatches, 4)
        XCTAssertEqual(h.minibatchSize, 128)
        XCTAssertEqual(space.point(of: h), [3e-4, 0.01, 0.2, 0.99, 0.95, 7, 128])
    }

    func testSpaceRefusesBadRanges() {
        func problem(_ ranges: [String: HyperparameterRange]) -> String? {
            do { _ = try HyperparameterSpace(ranges); return nil } catch { return error.description }
        }
        XCTAssertNil(problem(["learning_rate": .init(scale: .log, min: 1e-5, max: 1)]))
        XCTAssertEqual(problem(["learnin_rate": .init(scale: .log, min: 1e-5, max: 1)])?.hasPrefix("learnin_rate: 'learnin_rate' is not a hyperparameter"), true)
        XCTAssertEqual(problem(["learning_rate": .init(scale: .log, min: 0, max: 1)]), "learning_rate.min: scale: log needs min > 0, got 0.0")
        XCTAssertEqual(problem(["learning_rate": .init(scale: .linear, min: 0, max: 1)])?.hasPrefix("learning_rate.min: 0.0 is not accepted"), true)
        XCTAssertEqual(problem(["gamma": .init(scale: .logComplement, min: 0.9, max: 1)]), "gamma.max: scale: log-complement needs max < 1 (it spreads 1 − value), got 1.0")
        XCTAssertEqual(problem(["gamma": .init(scale: .linear, min: 0.9, max: 1.5)])?.hasPrefix("gamma.max: 1.5 is not accepted"), true)
        XCTAssertEqual(problem(["update_epochs": .init(scale: .linear, min: 1, max: 5)]), "update_epochs.scale: update_epochs takes whole numbers; use scale: integer or choice")
        XCTAssertEqual(problem(["update_epochs": .init(scale: .integer, min: 1.5, max: 5)]), "update_epochs.min: scale: integer needs whole-number bounds, got 1.5 and 5.0")
        XCTAssertEqual(problem(["ent_coef": .init(scale: .linear, min: 0.2, max: 0.1)]), "ent_coef.max: needs finite min ≤ max, got min 0.2, max 0.1")
        XCTAssertEqual(problem(["ent_coef": .init(choices: [])]), "ent_coef.choices: scale: choice needs a non-empty list `choices: [a, b, …]`")
        XCTAssertEqual(problem(["ent_coef": .init(choices: [0.1, 0.1])]), "ent_coef.choices: the values must be distinct")
        XCTAssertNotNil(problem(["minibatch_size": .init(choices: [64]), "num_minibatches": .init(choices: [4])]))
    }
}
