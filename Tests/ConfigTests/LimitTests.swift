import XCTest
@testable import Config

/// Files that would crash or hang the parser are refused with a line and
/// what is accepted (docs/reliability.md): found by constructing the inputs
/// `make fuzz`'s config target could not reach in a minute.
final class LimitTests: XCTestCase {
    /// 5,000 nested `[` (a 10 KB file) overflowed the stack while Yams built the tree.
    func testDeepNestingIsRefusedBeforeParsing() {
        let yaml = baseYAML + "\nx: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n"
        let e = configError(TestRun.self, yaml, file: "deep.yaml")
        XCTAssertEqual(e?.kind, .syntax)
        XCTAssertEqual(e?.line, 16)
        XCTAssertTrue(e?.description.hasPrefix("deep.yaml:16: more than 1000 keys, list items and brackets; accepted: ") ?? false,
                      e?.description ?? "")
        // Comment lines do not count, however long.
        XCTAssertNil(configError(TestRun.self, "# " + String(repeating: "- [", count: 2_000) + "\n" + baseYAML))
    }

    /// Nine lines of aliases of aliases describe 10⁹ values: the walk hung.
    func testAliasExpansionIsBounded() {
        var lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1...8 { lines.append("l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let e = configError(TestRun.self, baseYAML + "\n" + lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(e?.kind, .syntax)
        XCTAssertTrue(e?.message.hasPrefix("the document expands to more than 100000 values") ?? false, e?.message ?? "")
        // The same through --set.
        XCTAssertThrowsError(try ConfigDocument(yaml: baseYAML, file: "c.yaml",
                                                overrides: ["ppo.x={a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a], c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b], d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c], e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d]}"])) {
            XCTAssertTrue("\($0)".contains("expands to more than"), "\($0)")
        }
        // A few aliases are fine.
        XCTAssertNil(configError(TestRun.self, baseYAML + "\nanchors: {a: &a 1, b: *a}\n").flatMap { $0.kind == .unknownKey ? nil : $0 })
    }

    func testOverridePathsAreBounded() {
        let path = Array(repeating: "a", count: 10_000).joined(separator: ".")
        XCTAssertThrowsError(try ConfigDocument(yaml: baseYAML, file: "c.yaml", overrides: ["\(path)=1"])) {
            XCTAssertTrue("\($0)".contains("has 10000 components; accepted: at most 64"), "\($0)")
        }
    }
}
