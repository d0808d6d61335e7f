import XCTest
@testable import Config

final class ErrorTests: XCTestCase {
    func testUnknownTopLevelKeySuggestsAndGivesLine() {
        let yaml = baseYAML.replacingOccurrences(of: "total_steps:", with: "totl_steps:")
        let e = configError(TestRun.self, yaml, file: "Configs/x.yaml")
        XCTAssertEqual(e?.kind, .unknownKey)
        XCTAssertEqual(e?.line, 5)
        XCTAssertEqual(e?.keyPath, "totl_steps")
        XCTAssertTrue(e?.description.hasPrefix("Configs/x.yaml:5: unknown key 'totl_steps' — did you mean 'total_steps'? Valid keys here: ")
                      ?? false, e?.description ?? "")
        XCTAssertTrue(e?.message.contains("env_kwargs") ?? false)
    }

    func testUnknownNestedKeySuggestsAndGivesLine() {
        let yaml = baseYAML.replacingOccurrences(of: "    learning_rate: 1e-3", with: "    learning_rat: 1e-3")
        let e = configError(TestRun.self, yaml)
        XCTAssertEqual(e?.kind, .unknownKey)
        XCTAssertEqual(e?.line, 10)
        XCTAssertEqual(e?.keyPath, "ppo.optimizer.learning_rat")
        XCTAssertEqual(e?.description,
                       "c.yaml:10: unknown key 'ppo.optimizer.learning_rat' — did you mean 'learning_rate'? Valid keys here: betas, learning_rate, schedule.")
    }

    func testKeyAtTheWrongLevelPointsWhereItBelongs() {
        let e = configError(TestRun.self, baseYAML + "\nclip: 0.1\n")
        XCTAssertEqual(e?.kind, .unknownKey)
        XCTAssertTrue(e?.message.contains("did you mean 'ppo.clip'?") ?? false, e?.message ?? "")
    }

    func testSeveralUnknownKeysAreAllNamed() {
        let e = configError(TestRun.self, baseYAML + "\nfoo: 1\nbar: 2\n")
        XCTAssertEqual(e?.keyPath, "foo")
        XCTAssertTrue(e?.message.contains("Also unknown: 'bar' (line 17)") ?? false, e?.message ?? "")
    }

    func testStringWhereANumberBelongs() {
        let yaml = baseYAML.replacingOccurrences(of: "gamma: 0.98", with: "gamma: high")
        let e = configError(TestRun.self, yaml)
        XCTAssertEqual(e?.kind, .typeMismatch)
        XCTAssertEqual(e?.line, 7)
        XCTAssertEqual(e?.description, "c.yaml:7: ppo.gamma: expected a number, found the string 'high'")
        // Quoted numbers are strings (YAML 1.2).
        let quoted = configError(TestRun.self, baseYAML.replacingOccurrences(of: "gamma: 0.98", with: "gamma: '0.98'"))
        XCTAssertEqual(quoted?.message, "ppo.gamma: expected a number, found the string '0.98'")
    }

    func testNumberWhereABoolBelongs() {
        let e = configError(TestRun.self, baseYAML.replacingOccurrences(
            of: "  gamma: 0.98", with: "  gamma: 0.98\n  normalize_advantages: 1"))
        XCTAssertEqual(e?.kind, .typeMismatch)
        XCTAssertEqual(e?.line, 8)
        XCTAssertEqual(e?.message, "ppo.normalize_advantages: expected true or false, found 1")
    }

    func testListAndMappingMismatches() {
        let list = configError(TestRun.self, baseYAML.replacingOccurrences(of: "hidden_sizes: [32, 32]", with: "hidden_sizes: 32"))
        XCTAssertEqual(list?.message, "ppo.hidden_sizes: expected a list, found 32")
        XCTAssertEqual(list?.line, 8)
        let element = configError(TestRun.self, baseYAML.replacingOccurrences(of: "[32, 32]", with: "[32, wide]"))
        XCTAssertEqual(element?.keyPath, "ppo.hidden_sizes[1]")
        XCTAssertEqual(element?.line, 8)
        let mapping = configError(TestRun.self, baseYAML + "\nsigma: [1]\n")
        XCTAssertEqual(mapping?.kind, .typeMismatch)
        XCTAssertEqual(mapping?.keyPath, "sigma")
    }

    func testEnumListsAcceptedValues() {
        let yaml = baseYAML.replacingOccurrences(of: "    learning_rate: 1e-3", with: "    schedule: cosine")
        let e = configError(TestRun.self, yaml)
        XCTAssertEqual(e?.kind, .invalidValue)
        XCTAssertEqual(e?.line, 10)
        XCTAssertEqual(e?.message, "ppo.optimizer.schedule: 'cosine' is not one of the accepted values: constant, linear, exponential")
        let algorithm = configError(TestRun.self, baseYAML.replacingOccurrences(of: "algorithm: ppo", with: "algorithm: pp0"))
        XCTAssertEqual(algorithm?.line, 3)
        XCTAssertEqual(algorithm?.message,
                       "algorithm: 'pp0' is not one of the accepted values: ppo, es, epg, lpo, pbt, poet — did you mean 'ppo'?")
    }

    func testOutOfRangeNamesPathLineAndRange() {
        let e = configError(TestRun.self, baseYAML.replacingOccurrences(of: "gamma: 0.98", with: "gamma: 1.5"),
                            file: "Configs/ppo.yaml")
        XCTAssertEqual(e?.kind, .outOfRange)
        XCTAssertEqual(e?.description, "Configs/ppo.yaml:7: ppo.gamma: 1.5 is out of range; accepted: 0 ≤ gamma ≤ 1")
        let lr = configError(TestRun.self, baseYAML.replacingOccurrences(of: "learning_rate: 1e-3", with: "learning_rate: -1e-3"))
        XCTAssertEqual(lr?.message, "ppo.optimizer.learning_rate: -1e-3 is out of range; accepted: learning_rate > 0")
        XCTAssertEqual(lr?.line, 10)
        let width = configError(TestRun.self, baseYAML.replacingOccurrences(of: "[32, 32]", with: "[32, 0]"))
        XCTAssertEqual(width?.keyPath, "ppo.hidden_sizes[1]")
        XCTAssertEqual(width?.message, "ppo.hidden_sizes[1]: 0 is out of range; accepted: hidden_sizes > 0")
        XCTAssertEqual(width?.line, 8)
        let nan = configError(TestRun.self, baseYAML.replacingOccurrences(of: "gamma: 0.98", with: "gamma: .nan"))
        XCTAssertEqual(nan?.kind, .outOfRange)
    }

    func testMissingRequiredKeyPointsAtTheMisspelling() {
        let e = configError(RunHeader.self, "nme: a\nalgorithm: ppo\nenv: x\n")
        XCTAssertEqual(e?.kind, .missingKey)
        XCTAssertEqual(e?.message, "missing required key 'name'; 'nme' on line 1 looks like a misspelling of it")
        // A RunConfiguration's common keys must be in the file even though the type has defaults.
        let run = configError(TestRun.self, "name: a\nalgorithm: ppo\n")
        XCTAssertEqual(run?.kind, .missingKey)
        XCTAssertEqual(run?.message, "missing required key 'env'")
    }

    func testRunNameMustBeADirectoryName() {
        let e = configError(TestRun.self, baseYAML.replacingOccurrences(of: "name: cartpole-a", with: "name: ../evil"))
        XCTAssertEqual(e?.kind, .invalidValue)
        XCTAssertEqual(e?.line, 1)
        XCTAssertTrue(e?.message.hasPrefix("name: ../evil is not accepted; accepted: letters, digits") ?? false,
                      e?.message ?? "")
    }

    func testSyntaxErrorHasLine() {
        let e = configError(TestRun.self, "name: a\nseed: 1\n  algorithm: ppo\nenv: x\n")
        XCTAssertEqual(e?.kind, .syntax)
        XCTAssertEqual(e?.line, 3)
        XCTAssertTrue(e?.description.hasPrefix("c.yaml:3: not valid YAML: ") ?? false, e?.description ?? "")
        let tab = configError(TestRun.self, "name: a\nppo:\n\tgamma: 0.9\n")
        XCTAssertEqual(tab?.line, 3)
        XCTAssertTrue(tab?.message.hasSuffix("YAML indents with spaces, not tabs") ?? false, tab?.message ?? "")
        let unclosed = configError(TestRun.self, "name: a\nseed: [1, 2\nalgorithm: ppo\n")
        XCTAssertEqual(unclosed?.kind, .syntax)
        XCTAssertNotNil(unclosed?.line)
    }

    func testEmptyDocuments() {
        for text in ["", "\n\n", "# only a comment\n", "~\n"] {
            let e = configError(TestRun.self, text)
            XCTAssertEqual(e?.kind, .empty, "for \(text.debugDescription)")
            XCTAssertTrue(e?.description.hasPrefix("c.yaml: the config is empty") ?? false)
        }
        XCTAssertEqual(configError(TestRun.self, "- a\n- b\n")?.kind, .typeMismatch)
    }

    func testDuplicateKeysAreRefused() {
        let e = configError(TestRun.self, "name: a\nppo:\n  gamma: 0.9\n  gamma: 0.8\n")
        XCTAssertEqual(e?.kind, .duplicateKey)
        XCTAssertEqual(e?.line, 4)
        XCTAssertEqual(e?.message, "duplicate key 'ppo.gamma' (first on line 3)")
    }

    func testMissingFile() {
        XCTAssertThrowsError(try ConfigDocument(contentsOfFile: "/nonexistent/x.yaml")) { error in
            XCTAssertEqual((error as? ConfigError)?.description, "/nonexistent/x.yaml: no such file")
        }
    }
}
