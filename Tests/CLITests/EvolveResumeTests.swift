import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `populus evolve`, `resume` and `inspect` as a user runs them: a run
/// killed with SIGKILL and resumed ends bit for bit where a straight run
/// ends (whatever the thread counts), and damaged checkpoints are refused
/// with exit status 2, naming the file, the problem and an older intact one.
final class EvolveResumeTests: CLITestCase {
    /// A small CartPole search: population 32, a 4-16-2 policy, episodes up to `maxSteps`.
    private func config(name: String, generations: Int, every: Int, keep: Int = 3, maxSteps: Int = 200) throws -> String {
        let url = directory.appendingPathComponent("\(name).yaml")
        try """
            name: \(name)
            seed: 7
            algorithm: es
            env: CartPole-v1
            generations: \(generations)
            checkpoint_every: \(every)
            keep_checkpoints: \(keep)
            es: {population_size: 32, sigma: 0.1, learning_rate: 0.05}
            policy: {hidden_sizes: [16]}
            evaluation: {max_steps: \(maxSteps)}
            """.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func run(_ arguments: [String]) throws -> PopulusBinary.Result { try PopulusBinary.run(arguments) }

    /// The `label  value` line of `populus inspect`.
    private func inspect(_ path: String, _ label: String) throws -> String {
        let r = try run(["inspect", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        guard let line = r.lines.first(where: { $0.hasPrefix(label + " ") }) else {
            XCTFail("no '\(label)' in:\n\(r.stdout)")
            return ""
        }
        return line.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
    }

    private func metricsRows(_ run: String) throws -> [[String]] {
        let text = try String(contentsOfFile: "\(populations)/\(run)/metrics.csv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    }

    func testEvolveWritesTheRunAndInspectSummarisesIt() throws {
        let file = try config(name: "plain", generations: 5, every: 2)
        let r = try run(["evolve", file, "--populations", populations, "--threads", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("gen 1/5  mean "), r.stdout)
        XCTAssertTrue(r.stdout.contains("gen 5/5") && r.stdout.contains("checkpoint gen-00000005.ckpt"), r.stdout)
        let dir = "\(populations)/plain"
        let rows = try metricsRows("plain")
        XCTAssertEqual(rows.map { $0[0] }, ["0", "1", "2", "3", "4"])
        let header = try String(contentsOfFile: "\(dir)/metrics.csv", encoding: .utf8).split(separator: "\n")[0]
        XCTAssertTrue(header.hasPrefix("generation,fitness_mean,fitness_max,fitness_min,sigma_mean,grad_norm,wall_seconds"))
        let checkpoints = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/checkpoints").sorted()
        XCTAssertEqual(checkpoints, ["gen-00000002.ckpt", "gen-00000004.ckpt", "gen-00000005.ckpt"], "keep_checkpoints: 3")
        XCTAssertTrue(try String(contentsOfFile: "\(dir)/config.yaml", encoding: .utf8).contains("population_size: 32"))
        XCTAssertEqual(try inspect(dir, "generation"), "5 of 5")
        XCTAssertEqual(try inspect(dir, "kind"), "es")
        let digest = try inspect(dir, "digest")
        XCTAssertEqual(digest.count, 64)
        XCTAssertTrue(digest.allSatisfy(\.isHexDigit))
        let last = try inspect(dir, "last fitness")
        XCTAssertTrue(last.hasPrefix("mean ") && last.hasSuffix("(generation 4)"), last)

        let again = try run(["evolve", file, "--populations", populations])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("already exists") && again.stderr.contains("--overwrite"), again.stderr)
    }

    func testSIGKILLAtAnArbitraryPointThenResumeIsBitwiseEqualToAStraightRun() throws {
        let generations = 60
        let straight = try config(name: "straight", generations: generations, every: 4, maxSteps: 500)
        let r = try run(["evolve", straight, "--populations", populations, "--threads", "1", "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let want = try inspect("\(populations)/straight", "digest")

        let killed = try config(name: "killed", generations: generations, every: 4, maxSteps: 500)
        let checkpoints = "\(populations)/killed/checkpoints"
        // Killed twice: during the first run, then during its first resume.
        try PopulusBinary.startAndKill(["evolve", killed, "--populations", populations, "--threads", "2", "--quiet"],
                         whenExists: "\(checkpoints)/gen-00000004.ckpt", signal: SIGTERM)
        try PopulusBinary.startAndKill(["resume", "\(populations)/killed", "--threads", "2", "--quiet"],
                         whenExists: "\(checkpoints)/gen-00000016.ckpt")
        let left = try FileManager.default.contentsOfDirectory(atPath: checkpoints).filter { $0.hasSuffix(".ckpt") }.sorted()
        XCTAssertLessThan(left.last ?? "", String(format: "gen-%08d.ckpt", generations), "killed before the end")

        let resumed = try run(["resume", "\(populations)/killed", "--threads", "2"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("resuming killed at generation"), resumed.stdout)
        XCTAssertEqual(try inspect("\(populations)/killed", "digest"), want)
        XCTAssertEqual(try inspect("\(populations)/killed", "generation"), "\(generations) of \(generations)")

        // metrics.csv: one row per generation, none repeated, the same values
        // as the straight run but for the clock, which keeps counting.
        let rows = try metricsRows("killed"), straightRows = try metricsRows("straight")
        XCTAssertEqual(rows.map { $0[0] }, (0..<generations).map(String.init))
        XCTAssertEqual(rows.map { Array($0[0..<6]) }, straightRows.map { Array($0[0..<6]) })
        let walls = rows.map { Double($0[6])! }
        XCTAssertEqual(walls, walls.sorted(), "wall_seconds is cumulative")
    }

    func testResumeRaisesTheBudget() throws {
        let short = try config(name: "grow", generations: 3, every: 2)
        XCTAssertEqual(try run(["evolve", short, "--populations", populations, "--quiet"]).status, 0)
        let done = try run(["resume", "\(populations)/grow"])
        XCTAssertEqual(done.status, 0, done.stderr)
        XCTAssertTrue(done.stdout.contains("is complete: generation 3 of 3"), done.stdout)
        let more = try run(["resume", "\(populations)/grow", "--generations", "6", "--threads", "1"])
        XCTAssertEqual(more.status, 0, more.stderr)
        XCTAssertEqual(try inspect("\(populations)/grow", "generation"), "6 of 6")
        XCTAssertTrue(try String(contentsOfFile: "\(populations)/grow/config.yaml", encoding: .utf8).contains("generations: 6"))

        let long = try config(name: "long", generations: 3, every: 2)
        let r = try run(["evolve", long, "--populations", populations, "--set", "generations=6", "--quiet", "--threads", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try inspect("\(populations)/grow", "digest"), try inspect("\(populations)/long", "digest"))

        let back = try run(["resume", "\(populations)/grow", "--generations", "2"])
        XCTAssertEqual(back.status, 2)
        XCTAssertTrue(back.stderr.contains("below the checkpoint's generation 6"), back.stderr)
    }

    func testDamagedCheckpointsAreRefusedNamingFileProblemAndAnOlderIntactOne() throws {
        let file = try config(name: "base", generations: 6, every: 2, keep: 5)
        XCTAssertEqual(try run(["evolve", file, "--populations", populations, "--quiet"]).status, 0)
        let want = try inspect("\(populations)/base", "digest")
        let good = try Data(contentsOf: URL(fileURLWithPath: "\(populations)/base/checkpoints/gen-00000006.ckpt"))

        var wrongVersion = [UInt8](good)
        wrongVersion[8] = 2 // the format version (u16 after the 8-byte magic), with a valid checksum
        let body = wrongVersion.count - 4
        let crc = CRC32C.checksum(wrongVersion[0..<body])
        for k in 0..<4 { wrongVersion[body + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
        var flipped = [UInt8](good)
        flipped[flipped.count / 2] ^= 0x10
        let damages: [(String, Data, String)] = [
            ("truncated", good.prefix(good.count / 2), "truncated or corrupt: the header describes"),
            ("flipped", Data(flipped), "corrupt: CRC-32C is"),
            ("version", Data(wrongVersion), "format version 2 is not supported"),
            ("foreign", Data("name: oops\nalgorithm: es\n".utf8), "not a Populus checkpoint: it is a YAML (a config?) text file"),
            ("empty", Data(), "empty file"),
        ]
        for (label, bytes, problem) in damages {
            let run = "\(populations)/\(label)"
            try FileManager.default.copyItem(atPath: "\(populations)/base", toPath: run)
            let newest = "\(run)/checkpoints/gen-00000006.ckpt", older = "\(run)/checkpoints/gen-00000004.ckpt"
            try bytes.write(to: URL(fileURLWithPath: newest))
            for target in [run, newest] {
                let r = try self.run(["resume", target])
                XCTAssertEqual(r.status, 2, "\(label): \(r.stdout)")
                XCTAssertTrue(r.stderr.hasPrefix("error: \(newest): \(problem)"), "\(label): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("the newest intact older checkpoint is \(older) (generation 4)"), r.stderr)
                XCTAssertTrue(r.stderr.contains("to continue from it: populus resume \(older)"), r.stderr)
            }
            let seen = try self.run(["inspect", run])
            XCTAssertEqual(seen.status, 0)
            XCTAssertTrue(seen.stderr.contains("warning: skipped \(newest)"), seen.stderr)
            XCTAssertTrue(seen.stdout.contains("generation  4 of 6") || seen.stdout.contains("4 of 6"), seen.stdout)
            // Taking the offer redoes generations 4–5 and ends where the intact run ended.
            let resumed = try self.run(["resume", older, "--quiet"])
            XCTAssertEqual(resumed.status, 0, resumed.stderr)
            XCTAssertEqual(try inspect(run, "digest"), want, label)
            XCTAssertTrue(FileManager.default.fileExists(atPath: newest + ".superseded"), "the damaged file is kept aside")
        }

        let missing = try run(["resume", "\(populations)/nowhere"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no such run directory or checkpoint file"), missing.stderr)
    }

    func testEvolveRefusesAlgorithmsThatAreNotPopulationRuns() throws {
        let url = directory.appendingPathComponent("ppo.yaml")
        try "name: p\nalgorithm: ppo\nenv: CartPole-v1\n".write(to: url, atomically: true, encoding: .utf8)
        let r = try run(["evolve", url.path, "--populations", populations])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("algorithm 'ppo' is not a population run"), r.stderr)
        let bad = try config(name: "bad", generations: 3, every: 1)
        let typo = try run(["evolve", bad, "--populations", populations, "--set", "es.population_size=31"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("es.population_size"), typo.stderr)
    }
}

/// CRC-32C (Castagnoli), to forge a checkpoint whose only fault is its version.
private enum CRC32C {
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = ~0
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }
}
