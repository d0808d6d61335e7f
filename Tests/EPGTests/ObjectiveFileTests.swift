import Foundation
import XCTest
@testable import EPG

/// Zoo files: φ reads back bit for bit, and every malformed line is an error
/// naming the file, the line and what is accepted.
final class ObjectiveFileTests: XCTestCase {
    func file() -> ObjectiveFile {
        var o = ObjectiveSection()
        o.family = .taLpo
        o.base = .dpo
        o.hidden = 3
        var g = (0..<o.shape.genomeLength).map { Float($0) * 0.1 - 3 }
        g[0] = -0.0
        g[1] = .leastNonzeroMagnitude
        return ObjectiveFile(objective: o, env: "cartpole-random", seed: 7, generations: 30, commit: "abc1234",
                             result: "evolved 1 vs PPO 0", genome: g)
    }

    func testRoundTripIsBitExact() throws {
        let f = file()
        let back = try ObjectiveFile(text: f.text, file: "x.phi")
        XCTAssertEqual(back.genome.map(\.bitPattern), f.genome.map(\.bitPattern))
        XCTAssertEqual(back.objective, f.objective)
        XCTAssertEqual(back.env, "cartpole-random")
        XCTAssertEqual(back.seed, 7)
        XCTAssertEqual(back.text, f.text)
    }

    func testMalformedFilesAreRefusedWithTheLine() {
        let text = file().text
        let cases: [(String, String, String)] = [
            ("populus-objective 1", "populus-objective 2", "x.phi:1: expected 'populus-objective 1'"),
            ("family: ta-lpo", "family: epg", "x.phi:2: family 'epg'; accepted: lpo, ta-lpo"),
            ("base: dpo", "base: clip", "x.phi:3: base 'clip'; accepted: ppo, dpo, none"),
            ("hidden: 3", "hidden: -1", "x.phi:4: hidden '-1'"),
            ("phi: 67", "phi: 68", "x.phi:10: phi: '68' values; a ta-lpo drift with 3 hidden units has 67"),
            ("seed: 7", "seed: x", "x.phi:6: seed 'x'"),
        ]
        for (from, to, message) in cases {
            XCTAssertThrowsError(try ObjectiveFile(text: text.replacingOccurrences(of: from, with: to), file: "x.phi"), to) {
                XCTAssertTrue("\($0)".hasPrefix(message), "\($0)")
            }
        }
        let lines = text.split(separator: "\n")
        XCTAssertThrowsError(try ObjectiveFile(text: lines.dropLast().joined(separator: "\n"), file: "x.phi")) {
            XCTAssertTrue("\($0)".contains("values of φ; the 'phi:' line promises 67"), "\($0)")
        }
        XCTAssertThrowsError(try ObjectiveFile(text: text.replacingOccurrences(of: lines[10], with: "zz"), file: "x.phi")) {
            XCTAssertTrue("\($0)".hasPrefix("x.phi:11: 'zz' is not a Float's bit pattern"), "\($0)")
        }
        XCTAssertThrowsError(try ObjectiveFile(text: "", file: "x.phi"))
    }
}
