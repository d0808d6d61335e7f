import Checkpoint
import Config
@testable import EPG
import Evolution
import XCTest

final class OuterLoopTests: XCTestCase {
    /// A whole EPG run small enough for a unit test: 4 candidates × 1 task,
    /// lifetimes of 240 steps, the small loss network.
    static func tinyConfiguration() -> EPGConfiguration {
        var c = EPGConfiguration()
        c.name = "tiny"
        c.seed = 5
        c.env = "point-goal"
        c.generations = 4
        c.es.populationSize = 4
        c.outer.tasksPerCandidate = 1
        c.outer.alphaAnnealGenerations = 2
        c.outer.validationEvery = 2
        c.outer.validationTasks = 2
        c.inner = Fixtures.smallInner(lifetime: 240)
        c.lossNetwork = Fixtures.smallSection(memory: 2)
        c.fitness.episodes = 1
        return c
    }

    private func rows(_ c: EPGConfiguration, threads: Int, generations: Int) throws -> (EPGRun, [[Double]]) {
        var run = try EPGRun(configuration: c, threads: threads)
        var out: [[Double]] = []
        for _ in 0..<generations { out.append(try run.runGeneration().values) }
        return (run, out)
    }

    /// Metrics rows compared bitwise, NaN included (wall_seconds is the driver's and stays 0 here).
    private func assertSameRows(_ a: [[Double]], _ b: [[Double]], _ message: String) {
        XCTAssertEqual(a.map { $0.map(\.bitPattern) }, b.map { $0.map(\.bitPattern) }, message)
    }

    func testGenerationsAreBitwiseIdenticalForAnyThreadCount() throws {
        let c = Self.tinyConfiguration()
        let (one, a) = try rows(c, threads: 1, generations: 2)
        let (two, b) = try rows(c, threads: 2, generations: 2)
        let (three, d) = try rows(c, threads: 3, generations: 2)
        assertSameRows(a, b, "1 vs 2 threads")
        assertSameRows(a, d, "1 vs 3 threads")
        XCTAssertEqual(one.stateDigest, two.stateDigest)
        XCTAssertEqual(one.stateDigest, three.stateDigest)
        XCTAssertEqual(one.strategy.mean, two.strategy.mean)
        // Something happened: μ moved, lifetimes ran, validation at generation 2.
        XCTAssertNotEqual(one.strategy.mean, try EPGRun(configuration: c, threads: 1).strategy.mean)
        let columns = one.metricsColumns
        XCTAssertEqual(a[0][columns.firstIndex(of: "lifetimes")!], 4)
        XCTAssertEqual(a[1][columns.firstIndex(of: "lifetimes")!], 4 + 2)
        XCTAssertTrue(a[1][columns.firstIndex(of: "test_return")!].isFinite)
        XCTAssertTrue(a[0][columns.firstIndex(of: "test_return")!].isNaN)
        XCTAssertEqual(a[0][columns.firstIndex(of: "alpha")!], 1)
        XCTAssertEqual(a[1][columns.firstIndex(of: "alpha")!], 0.5)
        XCTAssertNotNil(one.best)
    }

    /// Straight through vs stopped after generation 1, written to checkpoint
    /// bytes, decoded and continued: the same rows and the same digest.
    func testRestoredRunContinuesBitwise() throws {
        let c = Self.tinyConfiguration()
        let (straight, all) = try rows(c, threads: 2, generations: 4)
        var first = try EPGRun(configuration: c, threads: 2)
        var head: [[Double]] = []
        for _ in 0..<2 { head.append(try first.runGeneration().values) }
        var checkpoint = Checkpoint(kind: EPGRun.kind, generation: first.generation)
        first.save(into: &checkpoint)
        let bytes = checkpoint.encoded()
        let decoded = try Checkpoint(decoding: bytes, file: "test.ckpt")
        var resumed = try EPGRun(configuration: c, restoring: decoded, threads: 1)
        XCTAssertEqual(resumed.stateDigest, first.stateDigest)
        XCTAssertEqual(resumed.best, first.best)
        for _ in 0..<2 { head.append(try resumed.runGeneration().values) }
        assertSameRows(head, all, "resumed vs straight")
        XCTAssertEqual(resumed.stateDigest, straight.stateDigest)
    }

    func testDamagedOrForeignSectionsAreRefusedWithTheFileNamed() throws {
        let c = Self.tinyConfiguration()
        let run = try EPGRun(configuration: c, threads: 1)
        var checkpoint = Checkpoint(kind: EPGRun.kind, generation: 0)
        run.save(into: &checkpoint)
        checkpoint.source = "gen-0.ckpt"
        var truncated = checkpoint
        truncated[EPGRun.section] = Array(checkpoint[EPGRun.section]!.dropLast())
        XCTAssertThrowsError(try EPGRun(configuration: c, restoring: truncated, threads: 1)) { error in
            XCTAssertTrue("\(error)".contains("gen-0.ckpt"), "\(error)")
            XCTAssertTrue("\(error)".contains("epg section"), "\(error)")
        }
        var other = c
        other.lossNetwork.headHidden = 9   // a different φ length
        XCTAssertThrowsError(try EPGRun(configuration: other, restoring: checkpoint, threads: 1)) { error in
            XCTAssertTrue("\(error)".contains("objective has"), "\(error)")
        }
    }

    func testAlphaScheduleAndInitialLoss() throws {
        var outer = OuterLoopSection()
        outer.alphaAnnealGenerations = 4
        XCTAssertEqual((0...5).map { outer.alpha(generation: $0) }, [1, 0.75, 0.5, 0.25, 0, 0])
        outer.alphaAnnealGenerations = 0
        XCTAssertEqual(outer.alpha(generation: 0), 0)
        var c = Self.tinyConfiguration()
        c.outer.initialLoss = .reinforce
        let run = try EPGRun(configuration: c, threads: 1)
        let surrogate = LossNetwork.reinforceGenome(layout: run.lifetimes.layout, section: c.lossNetwork)
        let random = run.lifetimes.initialGenome(seed: c.seed)
        for i in stride(from: 0, to: surrogate.count, by: 97) {
            XCTAssertEqual(run.strategy.mean[i], surrogate[i] + 0.1 * random[i])
        }
    }

    func testConfigurationErrorsNameTheKey() throws {
        func decode(_ yaml: String) throws -> EPGConfiguration {
            let env = yaml.contains("env:") ? "" : "env: point-goal\n"
            return try ConfigDocument(yaml: "name: x\nalgorithm: epg\n" + env + yaml, file: "epg.yaml")
                .decode(EPGConfiguration.self)
        }
        XCTAssertNoThrow(try decode(""))
        let defaults = try decode("")
        XCTAssertEqual(defaults.inner.updateEvery, 64)
        XCTAssertEqual(defaults.lossNetwork.bufferSize, 512)
        XCTAssertEqual(defaults.inner.minibatchSize, 32)
        XCTAssertEqual(defaults.inner.learningRate, 1e-3)
        for (yaml, needle) in [("inner: {update_every: 16, minibatch_size: 8}\n", "21 rows"),
                               ("es: {population_size: 5}\n", "population_size"),
                               ("loss_network: {conv_strides: [5]}\n", "conv_strides"),
                               ("env: bandit-2-easy\ncompare: {split: ood}\n", "ood"),
                               ("fitness: {mode: best}\n", "mode")] {
            XCTAssertThrowsError(try decode(yaml), yaml) { error in
                XCTAssertTrue("\(error)".contains(needle), "\(yaml): \(error)")
                XCTAssertTrue("\(error)".contains("epg.yaml"), "\(yaml): \(error)")
            }
        }
    }
}

/// The shipped configs decode, validate and build a run.
final class ShippedConfigTests: XCTestCase {
    func testShippedEPGConfigsAreValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let configs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Configs").path)
            .filter { $0.hasPrefix("epg-") && $0.hasSuffix(".yaml") }.sorted()
        XCTAssertEqual(configs, ["epg-cartpole-random.yaml", "epg-demo.yaml", "epg-point-goal-fast.yaml", "epg-point-goal.yaml"])
        var decoded: [String: EPGConfiguration] = [:]
        for name in configs {
            let url = root.appendingPathComponent("Configs/\(name)")
            let text = try String(contentsOf: url, encoding: .utf8)
            let c = try ConfigDocument(yaml: text, file: url.path).decode(EPGConfiguration.self)
            decoded[name] = c
            XCTAssertTrue(text.contains("Expected runtime"), "\(name) states its runtime")
            if c.outer.warmStart != nil {
                // Its φ₀ is another run's μ: that run's loss network (the demo's) must have the same shape.
                let loop = try c.sections.lifetimes(env: c.env)
                XCTAssertEqual(loop.genomeLength, try decoded["epg-demo.yaml"]!.sections.lifetimes(env: decoded["epg-demo.yaml"]!.env).genomeLength, name)
                continue
            }
            let run = try EPGRun(configuration: c, threads: 1)
            XCTAssertEqual(run.strategy.mean.count, run.lifetimes.genomeLength, name)
        }
    }
}
