import Agents
import Environments
import Random
import XCTest

/// The agent lifetime API: pausing, concurrency, serialisation and copying
/// all give bit-identical results to one uninterrupted run.
final class LifetimeTests: XCTestCase {
    func testPausingAndContinuingEqualsOneRun() throws {
        for spec in [try Fixture.cartPole(), try Fixture.pendulum()] {
            let straight = try Agent(spec)
            straight.train(until: 1_024)
            let paused = try Agent(spec)
            paused.train(until: 100)     // stops at the first iteration boundary (64 steps each)
            XCTAssertEqual(paused.steps, 128)
            paused.train(until: 500)
            paused.train(until: 1_024)
            assertSameAgent(straight, paused)
            XCTAssertEqual(straight.iterations, 16)
            XCTAssertFalse(straight.curve.episodes.isEmpty)
        }
    }

    func testConcurrentAgentsEqualSequentialOnes() throws {
        let specs = try (0..<4).map { try Fixture.cartPole(seed: 7, lifetime: 1_024, path: ["member", .init($0)]) }
            + [try Fixture.pendulum(seed: 3, lifetime: 512)]
        let one = try ConcurrentTraining.run(specs, threads: 1)
        let two = try ConcurrentTraining.run(specs, threads: 2)
        let alone = try specs.map { try ConcurrentTraining.run($0) }
        XCTAssertEqual(one, two)
        XCTAssertEqual(one, alone)
        // Distinct paths give distinct agents (no shared streams).
        XCTAssertNotEqual(one[0], one[1])
    }

    func testPersistentAgentsTrainedInIntervalsConcurrently() throws {
        let specs = try (0..<3).map { try Fixture.cartPole(seed: 2, lifetime: 1_024, path: ["pbt", .init($0)]) }
        let parallel = try specs.map { try Agent($0) }
        for interval in stride(from: 256, through: 1_024, by: 256) {
            ConcurrentTraining.train(parallel, until: interval, threads: 2)
        }
        for (i, spec) in specs.enumerated() {
            let alone = try Agent(spec)
            alone.train(until: 1_024)
            assertSameAgent(parallel[i], alone)
        }
    }

    func testStateRoundTripContinuesBitForBit() throws {
        for spec in [try Fixture.cartPole(), try Fixture.pendulum()] {
            let straight = try Agent(spec)
            straight.train(until: 1_024)
            let first = try Agent(spec)
            first.train(until: 448)
            let bytes = first.state.bytes
            let decoded = try AgentState(bytes: bytes)
            XCTAssertEqual(decoded, first.state)
            // Mid-episode: some instance has acted since its episode began.
            XCTAssertTrue(decoded.episodes.contains { !$0.discreteActions.isEmpty || !$0.continuousActions.isEmpty })
            let resumed = try Agent(restoring: decoded)
            XCTAssertEqual(resumed.currentObservations, first.currentObservations)
            resumed.train(until: 1_024)
            assertSameAgent(straight, resumed)
        }
    }

    func testCorruptStateIsRefused() throws {
        let agent = try Agent(try Fixture.cartPole())
        agent.train(until: 128)
        let bytes = agent.state.bytes
        XCTAssertThrowsError(try AgentState(bytes: Array(bytes.dropLast(3)))) { error in
            XCTAssertTrue("\(error)".hasPrefix("agent state:"), "\(error)")
        }
        var wrongMagic = bytes
        wrongMagic[0] ^= 0xFF
        XCTAssertThrowsError(try AgentState(bytes: wrongMagic))
        XCTAssertThrowsError(try AgentState(bytes: bytes + [0]))
        // A restart point whose replay does not reproduce the saved observation.
        var state = agent.state
        let i = state.episodes.firstIndex { !$0.discreteActions.isEmpty }!
        state.episodes[i].discreteActions[0] ^= 1
        XCTAssertThrowsError(try Agent(restoring: state)) { error in
            XCTAssertTrue("\(error)".contains("replay"), "\(error)")
        }
        // A spec asking for more than the state holds is refused before
        // anything is built: a 4-GB network, a billion instances (whose
        // N·T overflowed), an instance count the observations do not fit.
        for change in [{ (h: inout PPOHyperparameters) in h.hiddenSizes = [1 << 16, 1 << 16] },
                       { $0.numEnvs = 1 << 40 }, { $0.numEnvs += 1 }] {
            var big = agent.state
            change(&big.learning.hyperparameters)
            XCTAssertThrowsError(try Agent(restoring: big)) { error in
                XCTAssertTrue("\(error)".contains("parameters") || "\(error)".contains("num_envs"), "\(error)")
            }
        }
    }

    /// A policy file whose spec describes another network than its
    /// parameters is refused before the network is built.
    func testPolicyFileParametersMustMatchTheSpec() throws {
        let agent = try Agent(try Fixture.cartPole())
        let good = PolicyFile.checkpoint(of: agent)
        XCTAssertEqual(try PolicyFile(decoding: good, file: "p.ckpt").policy.parameters.flatValues(),
                       agent.policy.parameters.flatValues())
        var spec = agent.state.spec
        spec.hyperparameters.hiddenSizes = [1 << 20, 1 << 20]
        var bad = good
        bad["spec"] = Array(try JSONEncoder().encode(spec))
        XCTAssertThrowsError(try PolicyFile(decoding: bad, file: "p.ckpt")) { error in
            XCTAssertTrue("\(error)".contains("p.ckpt: the spec describes a network of"), "\(error)")
        }
    }

    func testLearningStateCopyIsDeepAndExact() throws {
        let source = try Agent(try Fixture.cartPole(seed: 1))
        source.train(until: 512)
        let target = try Agent(try Fixture.cartPole(seed: 2))
        target.train(until: 256)
        let targetEpisodes = target.curve
        let targetSteps = target.steps
        var h = source.hyperparameters
        h.learningRate = 1e-4
        try source.setHyperparameters(h)

        try target.copyLearningState(from: source)
        XCTAssertEqual(target.learningState, source.learningState)
        XCTAssertEqual(target.hyperparameters.learningRate, 1e-4)
        XCTAssertEqual(target.optimizer.stepCount, source.optimizer.stepCount)
        // What stays the member's own.
        XCTAssertEqual(target.steps, targetSteps)
        XCTAssertEqual(target.curve, targetEpisodes)

        // Nothing is shared: training the source leaves the copy untouched.
        let copied = target.learningState
        source.train(until: 1_024)
        XCTAssertEqual(target.learningState, copied)
        XCTAssertNotEqual(source.learningState, copied)

        // Copying is exact: two identical members that copy the same state stay identical.
        let twin = try Agent(try Fixture.cartPole(seed: 2))
        twin.train(until: 256)
        try twin.setLearningState(copied)
        target.train(until: 768)
        twin.train(until: 768)
        assertSameAgent(target, twin)
    }

    func testStructuralChangesAreRefused() throws {
        let agent = try Agent(try Fixture.cartPole())
        var h = agent.hyperparameters
        h.hiddenSizes = [8]
        h.numEnvs = 2
        XCTAssertThrowsError(try agent.setHyperparameters(h)) { error in
            XCTAssertEqual("\(error)", "cannot change num_envs, hidden_sizes of a living agent")
        }
        let other = try Agent(try Fixture.cartPole(seed: 1, Fixture.smallWithState))
        XCTAssertThrowsError(try agent.setLearningState(other.learningState))
        var lr = agent.hyperparameters
        lr.clipCoef = 0.1
        try agent.setHyperparameters(lr)
        XCTAssertEqual(agent.hyperparameters.clipCoef, 0.1)
    }
}
