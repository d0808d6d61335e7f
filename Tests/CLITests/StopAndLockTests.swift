import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// One writer per run, and a stop that does not wait for the generation:
/// while a run with a long generation is going, a second writer (`resume`,
/// `evolve --overwrite`, `report`) is refused with exit status 2 naming the
/// PID that holds the run, a reader (`inspect`) is not; SIGTERM then ends it
/// long before the generation could have, keeping the generation-0
/// checkpoint, and leaves no lock behind. (Resuming mid-generation bit for
/// bit is checked per run kind in their own CLI tests.)
final class StopAndLockTests: CLITestCase {
    /// Pendulum ES with a population so large that one generation (`population` × 200 steps) takes many seconds.
    private func config(name: String, population: Int) throws -> String {
        let url = directory.appendingPathComponent("\(name).yaml")
        try """
            name: \(name)
            seed: 3
            algorithm: es
            env: Pendulum-v1
            generations: 3
            checkpoint_every: 1
            es: {population_size: \(population), sigma: 0.1, learning_rate: 0.05}
            policy: {hidden_sizes: [16]}
            evaluation: {max_steps: 200}
            """.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testASecondWriterIsRefusedAndSIGTERMStopsALongGenerationAtOnce() throws {
        // How long one generation takes here, from a small one (population 2,000).
        let small = try config(name: "small", population: 2_000)
        let started = Date()
        let r = try PopulusBinary.run(["evolve", small, "--populations", populations, "--threads", "2", "--quiet",
                                       "--set", "generations=1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let perMember = Date().timeIntervalSince(started) / 2_000

        let population = 200_000
        let long = try config(name: "long", population: population)
        let run = "\(populations)/long"
        let writer = try PopulusBinary.Background(["evolve", long, "--populations", populations, "--threads", "2", "--quiet"])
        XCTAssertTrue(writer.wait(forFile: "\(run)/checkpoints/gen-00000000.ckpt"), writer.stderr)
        usleep(300_000) // inside generation 1

        for second in [["resume", run, "--quiet"], ["evolve", long, "--populations", populations, "--overwrite", "--quiet"],
                       ["report", run]] {
            let refused = try PopulusBinary.run(second)
            XCTAssertEqual(refused.status, 2, "\(second): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("\(run) is being written by process \(writer.pid) ("), refused.stderr)
        }
        let inspect = try PopulusBinary.run(["inspect", run])
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertTrue(inspect.stdout.contains("generation") && inspect.stdout.contains("0 of 3"), inspect.stdout)

        XCTAssertTrue(writer.process.isRunning, "the long generation ended before the signal")
        let seconds = writer.stop(SIGTERM)
        let generationSeconds = perMember * Double(population)
        print("SIGTERM to exit: \(String(format: "%.3f", seconds)) s; one generation ≈ \(String(format: "%.0f", generationSeconds)) s")
        XCTAssertEqual(writer.process.terminationReason, .exit)
        XCTAssertEqual(writer.process.terminationStatus, 143, writer.stderr)
        XCTAssertTrue(writer.stderr.contains("stopped by SIGTERM: checkpoint of generation 0 kept (generation 1 dropped"),
                      writer.stderr)
        XCTAssertTrue(writer.stderr.contains("continue with: populus resume \(run)"), writer.stderr)
        XCTAssertLessThan(seconds, min(5, generationSeconds / 4), "the stop waited for the generation")
        let checkpoints = try FileManager.default.contentsOfDirectory(atPath: "\(run)/checkpoints")
        XCTAssertEqual(checkpoints, ["gen-00000000.ckpt"], "nothing half-written, no newer checkpoint")

        // The kernel dropped the lock with the process: this test can take it at once.
        let fd = open("\(run)/writer.lock", O_RDWR)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0, "a stale lock")
        close(fd)
    }

    func testTwoResumesStartedTogetherOneRunsTheOtherIsRefused() throws {
        let path = try config(name: "pair", population: 20_000)
        let first = try PopulusBinary.run(["evolve", path, "--populations", populations, "--quiet", "--set", "generations=1"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let run = "\(populations)/pair"
        let a = try PopulusBinary.Background(["resume", run, "--generations", "2", "--quiet"])
        let b = try PopulusBinary.Background(["resume", run, "--generations", "2", "--quiet"])
        a.process.waitUntilExit()
        b.process.waitUntilExit()
        let statuses = [a.process.terminationStatus, b.process.terminationStatus].sorted()
        XCTAssertEqual(statuses, [0, 2], "a: \(a.stderr) b: \(b.stderr)")
        let refused = a.process.terminationStatus == 2 ? a : b
        let winner = a.process.terminationStatus == 2 ? b : a
        XCTAssertTrue(refused.stderr.contains("is being written by process \(winner.pid)"), refused.stderr)
        let metrics = try String(contentsOfFile: "\(run)/metrics.csv", encoding: .utf8)
        XCTAssertEqual(metrics.split(separator: "\n").count, 3, "a header and one row per generation, written once")
    }
}
