import XCTest
@testable import Config

final class OverrideTests: XCTestCase {
    private func decode(_ overrides: [String], yaml: String = baseYAML) throws -> TestRun {
        try ConfigDocument(yaml: yaml, file: "c.yaml", overrides: overrides).decode(TestRun.self)
    }

    func testScalarOverrides() throws {
        let run = try decode(["seed=7", "ppo.gamma=0.9", "name=other", "ppo.normalize_advantages=false"])
        XCTAssertEqual(run.seed, 7)
        XCTAssertEqual(run.ppo.gamma, 0.9)
        XCTAssertEqual(run.name, "other")
        XCTAssertFalse(run.ppo.normalizeAdvantages)
        XCTAssertEqual(try decode(["seed=1", "seed=2"]).seed, 2, "later overrides win")
    }

    func testNestedKeysAbsentFromTheFileAreCreated() throws {
        let run = try decode(["ppo.optimizer.schedule=linear", "ppo.target_kl=0.02", "notes=a b"],
                             yaml: "name: a\nalgorithm: ppo\nenv: x\n")
        XCTAssertEqual(run.ppo.optimizer.schedule, .linear)
        XCTAssertEqual(run.ppo.targetKL, 0.02)
        XCTAssertEqual(run.notes, "a b")
        XCTAssertEqual(run.ppo.gamma, PPOSection().gamma)
        XCTAssertEqual(try decode(["env_kwargs.length=0.5"]).envKwargs, ["gravity": 9.8, "length": 0.5])
    }

    func testListOverrides() throws {
        XCTAssertEqual(try decode(["ppo.hidden_sizes=[16, 16, 16]"]).ppo.hiddenSizes, [16, 16, 16])
        XCTAssertEqual(try decode(["ppo.hidden_sizes[1]=128"]).ppo.hiddenSizes, [32, 128])
        XCTAssertEqual(try decode(["ppo.hidden_sizes.2=8"]).ppo.hiddenSizes, [32, 32, 8], "index == count appends")
        XCTAssertEqual(try decode(["tasks[1].goal=4"]).tasks[1].goal, 4)
        XCTAssertEqual(try decode(["tasks=[{goal: 7}]"]).tasks, [{ var t = TaskSpec(); t.goal = 7; return t }()])
        XCTAssertThrowsError(try decode(["ppo.hidden_sizes[5]=1"])) { error in
            let e = error as? ConfigError
            XCTAssertEqual(e?.kind, .override)
            XCTAssertEqual(e?.origin, "--set ppo.hidden_sizes[5]=1")
            XCTAssertTrue(e?.message.contains("has 2 items") ?? false)
        }
    }

    func testUnknownOverrideKeyIsRefusedAndBlamed() {
        let e = configError(TestRun.self, baseYAML, overrides: ["ppo.gama=0.5"])
        XCTAssertEqual(e?.kind, .unknownKey)
        XCTAssertEqual(e?.origin, "--set ppo.gama=0.5")
        XCTAssertNil(e?.line)
        XCTAssertTrue(e?.description.hasPrefix("--set ppo.gama=0.5: unknown key 'ppo.gama' — did you mean 'gamma'?") ?? false,
                      e?.description ?? "")
        // A whole new section is unknown too, and blamed on the --set that made it.
        let section = configError(TestRun.self, baseYAML, overrides: ["sac.alpha=0.2"])
        XCTAssertEqual(section?.keyPath, "sac")
        XCTAssertEqual(section?.origin, "--set sac.alpha=0.2")
    }

    func testOverrideValuesMeetTypeAndRangeRules() {
        let range = configError(TestRun.self, baseYAML, overrides: ["ppo.gamma=2"])
        XCTAssertEqual(range?.description, "--set ppo.gamma=2: ppo.gamma: 2 is out of range; accepted: 0 ≤ gamma ≤ 1")
        let type = configError(TestRun.self, baseYAML, overrides: ["total_steps=many"])
        XCTAssertEqual(type?.kind, .typeMismatch)
        XCTAssertEqual(type?.origin, "--set total_steps=many")
        // The file's own errors keep their line when an unrelated override is given.
        let file = configError(TestRun.self, baseYAML.replacingOccurrences(of: "gamma: 0.98", with: "gamma: 3"),
                               overrides: ["ppo.clip=0.1"])
        XCTAssertEqual(file?.line, 7)
        XCTAssertNil(file?.origin)
    }

    func testMalformedOverrides() {
        for (argument, fragment) in [("seed", "no '=' found"), ("ppo..gamma=1", "is not a key path"),
                                     ("ppo.gamma.x=1", "ppo.gamma is 0.98, not a mapping"),
                                     ("ppo.hidden_sizes.x=1", "not a mapping"), ("name=[1, 2", "not valid YAML")] {
            let e = configError(TestRun.self, baseYAML, overrides: [argument])
            XCTAssertEqual(e?.kind, .override, argument)
            XCTAssertEqual(e?.origin, "--set \(argument)")
            XCTAssertTrue(e?.message.contains(fragment) ?? false, "\(argument): \(e?.message ?? "nil")")
        }
    }
}
