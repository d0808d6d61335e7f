import XCTest
@testable import Config

final class DecodingTests: XCTestCase {
    func testNestedDecodingFillsDefaults() throws {
        let run = try ConfigDocument(yaml: baseYAML).decode(TestRun.self)
        XCTAssertEqual(run.name, "cartpole-a")
        XCTAssertEqual(run.seed, 3)
        XCTAssertEqual(run.totalSteps, 20_000)
        XCTAssertEqual(run.ppo.gamma, 0.98)
        XCTAssertEqual(run.ppo.hiddenSizes, [32, 32])
        XCTAssertEqual(run.ppo.optimizer.learningRate, 1e-3)
        // Defaults, from the types' init():
        let defaults = PPOSection()
        XCTAssertEqual(run.ppo.clip, defaults.clip)
        XCTAssertEqual(run.ppo.gaeLambda, defaults.gaeLambda)
        XCTAssertNil(run.ppo.targetKL)
        XCTAssertEqual(run.ppo.optimizer.betas, Optimizer().betas)
        XCTAssertEqual(run.ppo.optimizer.schedule, .constant)
        // List elements are sections too: each gets its own defaults.
        XCTAssertEqual(run.tasks.count, 2)
        XCTAssertEqual(run.tasks[0].goal, 2.5)
        XCTAssertEqual(run.tasks[0].label, TaskSpec().label)
        XCTAssertEqual(run.tasks[1].goal, TaskSpec().goal)
        XCTAssertEqual(run.tasks[1].label, "far")
        XCTAssertEqual(run.envKwargs, ["gravity": 9.8])
        XCTAssertEqual(run.sigma, .constant)
    }

    func testParentDefaultsWinOverSectionDefaults() throws {
        struct Inner: ConfigSection, Equatable { var a = 1; var b = 2; init() {} }
        struct Outer: ConfigSection, Equatable {
            var inner: Inner = { var i = Inner(); i.b = 20; return i }()
            init() {}
        }
        let outer = try ConfigDocument(yaml: "inner:\n  a: 5\n").decode(Outer.self)
        XCTAssertEqual(outer.inner.a, 5)
        XCTAssertEqual(outer.inner.b, 20)
        // A blank section means all its defaults.
        XCTAssertEqual(try ConfigDocument(yaml: "inner:\n").decode(Outer.self), Outer())
    }

    func testOptionalSectionsAreNilUntilGiven() throws {
        struct Outer: ConfigSection, Equatable {
            var schedule: Optimizer? = nil
            init() {}
        }
        XCTAssertNil(try ConfigDocument(yaml: "{}\n").decode(Outer.self).schedule)
        XCTAssertNil(try ConfigDocument(yaml: "schedule: null\n").decode(Outer.self).schedule)
        let given = try ConfigDocument(yaml: "schedule:\n  learning_rate: 0.5\n").decode(Outer.self).schedule
        XCTAssertEqual(given?.learningRate, 0.5)
        XCTAssertEqual(given?.betas, Optimizer().betas)
        let set = try ConfigDocument(yaml: "{}\n", overrides: ["schedule.schedule=linear"]).decode(Outer.self)
        XCTAssertEqual(set.schedule?.schedule, .linear)
        let bad = configError(Outer.self, "schedule:\n  learning_rate: -1\n")
        XCTAssertEqual(bad?.keyPath, "schedule.learning_rate")
        XCTAssertEqual(bad?.line, 2)
    }

    func testIntegersAcceptSeparatorsAndIntegralExponents() throws {
        struct Budget: ConfigSection { var steps = 0; var seed: UInt64 = 0; init() {} }
        let b = try ConfigDocument(yaml: "steps: 1e6\nseed: 0x10\n").decode(Budget.self)
        XCTAssertEqual(b.steps, 1_000_000)
        XCTAssertEqual(b.seed, 16)
        let e = configError(Budget.self, "steps: 2.5\n")
        XCTAssertEqual(e?.kind, .typeMismatch)
        XCTAssertEqual(e?.message, "steps: expected an integer, found 2.5")
        let negative = configError(Budget.self, "steps: 1\nseed: -1\n")
        XCTAssertEqual(negative?.kind, .outOfRange)
        XCTAssertEqual(negative?.line, 2)
        XCTAssertTrue(negative?.message.contains("accepted: integers from 0 to 18446744073709551615") ?? false)
    }

    func testEnumWithPayloadDecodes() throws {
        let yaml = baseYAML + "\nsigma:\n  exponential_decay:\n    rate: 0.99\n    floor: 0.01\n"
        let run = try ConfigDocument(yaml: yaml).decode(TestRun.self)
        XCTAssertEqual(run.sigma, .exponentialDecay(rate: 0.99, floor: 0.01))
    }

    func testPayloadlessEnumCaseMayBeABareName() throws {
        let run = try ConfigDocument(yaml: baseYAML, overrides: ["sigma={exponential_decay: {rate: 0.9, floor: 0}}", "sigma=constant"])
            .decode(TestRun.self)
        XCTAssertEqual(run.sigma, .constant)
        XCTAssertEqual(configError(TestRun.self, baseYAML + "\nsigma: linear\n")?.message,
                       "sigma: expected a mapping (key: value lines), found the string 'linear'")
        // A section is not an enum: a field name as its value is still refused as a whole.
        XCTAssertEqual(configError(TestRun.self, baseYAML + "\nnotes: x\n", overrides: ["ppo=gamma"])?.message,
                       "ppo: expected a mapping (key: value lines), found the string 'gamma'")
    }

    func testHandWrittenInitWithDefaultsAndUnknownKeys() throws {
        XCTAssertEqual(try ConfigDocument(yaml: "rate: 2\n").decode(HandWritten.self).steps, 3)
        let e = configError(HandWritten.self, "rate: 2\nstep: 4\n")
        XCTAssertEqual(e?.kind, .unknownKey)
        XCTAssertEqual(e?.line, 2)
        XCTAssertTrue(e?.message.contains("did you mean 'steps'?") ?? false, e?.message ?? "")
        // A DecodingError thrown by hand-written code is located through its coding path.
        let thrown = configError(HandWritten.self, "rate: 2\nsteps: 13\n")
        XCTAssertEqual(thrown?.line, 2)
        XCTAssertEqual(thrown?.keyPath, "steps")
        XCTAssertTrue(thrown?.message.contains("13 is unlucky") ?? false)
    }

    func testHeaderPeeksIgnoringOtherKeys() throws {
        let header = try ConfigDocument(yaml: baseYAML + "\nwhatever: 1\n").header()
        XCTAssertEqual(header, RunHeader(name: "cartpole-a", seed: 3, algorithm: .ppo, env: "CartPole-v1",
                                         totalSteps: 20_000))
        let noSeed = try ConfigDocument(yaml: "name: a\nalgorithm: es\nenv: x\ngenerations: 5\n").header()
        XCTAssertEqual(noSeed.seed, 0)
        XCTAssertEqual(noSeed.generations, 5)
    }

    func testKeyNaming() {
        XCTAssertEqual(KeyNaming.snake("learningRate"), "learning_rate")
        XCTAssertEqual(KeyNaming.snake("targetKL"), "target_kl")
        XCTAssertEqual(KeyNaming.snake("useGAEValue"), "use_gae_value")
        XCTAssertEqual(KeyNaming.snake("hidden2Size"), "hidden2_size")
        XCTAssertEqual(KeyNaming.snake("already_snake"), "already_snake")
        XCTAssertEqual(KeyNaming.camel("exponential_decay"), "exponentialDecay")
        XCTAssertEqual(editDistance("learning_rat", "learning_rate"), 1)
        XCTAssertEqual(nearest(to: "gama", in: ["gamma", "clip"]), "gamma")
        XCTAssertNil(nearest(to: "zzz", in: ["gamma", "clip"]))
    }
}
