import XCTest
import Checkpoint
@testable import Runs

final class RunDirectoryTests: XCTestCase {
    func testCreateOpenAndRefuseToClobber() throws {
        let scratch = ScratchDirectory()
        let run = try RunDirectory.create(name: "cartpole", under: scratch.url, config: "population_size: 8\n")
        XCTAssertEqual(run.name, "cartpole")
        XCTAssertEqual(try run.config(), "population_size: 8\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: run.checkpointsURL.path))
        XCTAssertEqual(try RunDirectory.open(run.root).root, run.root)
        XCTAssertThrowsError(try RunDirectory.create(name: "cartpole", under: scratch.url, config: "")) {
            XCTAssertEqual($0 as? RunDirectoryError, .exists(run.root.path))
        }
        let again = try RunDirectory.create(name: "cartpole", under: scratch.url, config: "x: 1\n", overwrite: true)
        XCTAssertEqual(try again.config(), "x: 1\n")
        for bad in ["", "a/b", "..", ".hidden", "-x", "a b"] {
            XCTAssertThrowsError(try RunDirectory.create(name: bad, under: scratch.url, config: "")) {
                XCTAssertEqual($0 as? RunDirectoryError, .invalidName(bad))
            }
        }
        try FileManager.default.removeItem(at: run.configURL)
        XCTAssertThrowsError(try RunDirectory.open(run.root)) {
            XCTAssertTrue("\($0)".contains("config.yaml is missing"))
        }
    }

    func testMetricsTableFormatsAndRoundTrips() throws {
        var t = MetricsTable(columns: ["generation", "fitness_mean", "wall_seconds"])
        t.append([0, 12.5, 0.1])
        t.append([1, -.infinity, 1e-5])
        t.append([2, .nan, 123456789])
        XCTAssertEqual(t.csv, "generation,fitness_mean,wall_seconds\n0,12.5,0.1\n1,-inf,1e-05\n2,nan,123456789\n")
        let back = try MetricsTable(encoded: t.encoded)
        XCTAssertEqual(back.columns, t.columns)
        XCTAssertEqual(back.rows.map { $0.map(\.bitPattern) }, t.rows.map { $0.map(\.bitPattern) })
        for cut in 0..<t.encoded.count { XCTAssertThrowsError(try MetricsTable(encoded: Array(t.encoded.prefix(cut)))) }
        var u = t
        u.truncate(before: 1)
        XCTAssertEqual(u.rows.count, 1)
        // The generation column is read back as an Int (`inspect`): a NaN or
        // fractional one in a crafted checkpoint is refused, not trapped on.
        for bad in [Double.nan, -1, 2.5, .infinity] {
            var v = MetricsTable(columns: ["generation", "fitness_mean"])
            v.append([bad, 1])
            XCTAssertThrowsError(try MetricsTable(encoded: v.encoded)) { error in
                XCTAssertTrue("\(error)".contains("accepted: a whole number from 0 to 2^53"), "\(error)")
            }
        }
    }

    /// A run killed after appending rows for generations 4 and 5 but whose
    /// last checkpoint holds rows 0…3: resuming rewrites the CSV from the
    /// checkpoint's table, so generations 4 and 5 are not duplicated.
    func testResumeRewritesTheCSVFromTheCheckpointsTable() throws {
        let scratch = ScratchDirectory()
        let url = scratch.url.appendingPathComponent("metrics.csv")
        let log = try MetricsLog(url: url, columns: ["generation", "fitness_max"])
        var checkpointed: MetricsTable? = nil
        for g in 0..<6 {
            try log.append([Double(g), Double(g) * 1.5])
            if g == 3 { checkpointed = log.table }
        }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8).split(separator: "\n").count, 7)
        let resumed = try MetricsLog.resume(url: url, from: checkpointed!)
        for g in 4..<8 { try resumed.append([Double(g), Double(g) * 1.5]) }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "generation,fitness_max")
        XCTAssertEqual(lines.dropFirst().map { Int($0.split(separator: ",")[0])! }, Array(0..<8))
        XCTAssertEqual(resumed.table.rows.count, 8)
    }
}
