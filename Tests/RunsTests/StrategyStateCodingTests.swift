import Checkpoint
import Evolution
import XCTest
@testable import Runs

/// A strategy's state as checkpoint bytes and digests: exact, versioned,
/// refusing anything malformed without crashing.
final class StrategyStateCodingTests: XCTestCase {
    static let configurations: [StrategyConfiguration] = {
        var es = StrategyConfiguration.openAIES(populationSize: 12, sigma: 0.2, learningRate: 0.05, seed: 77)
        es.weightDecay = 0.01
        es.sigma = .exponential(initial: 0.2, decay: 0.9, floor: 0.05)
        return [es, .snes(populationSize: 10, sigma: 0.3, seed: 5), .pgpe(populationSize: 12, sigma: 0.3, seed: 6)]
    }()

    static func fitness(_ g: [Float], _ ctx: EvaluationContext) -> Float {
        if ctx.member.index == 3 && ctx.member.generation % 2 == 0 { return .nan }
        var s: Float = 0
        for (j, v) in g.enumerated() where j % 7 == 0 { s -= (v - 0.5) * (v - 0.5) }
        return s + Float(ctx.seed % 1000) * 1e-4
    }

    func run(_ config: StrategyConfiguration, dimension: Int, generations: Int, threads: Int,
             from start: Strategy? = nil) throws -> Strategy {
        var es = try start ?? Strategy(configuration: config, mean: (0..<dimension).map { Float($0 % 5) * 0.1 }, threads: threads)
        es.threads = threads
        for _ in 0..<generations { try es.step(episodes: 2, Self.fitness) }
        return es
    }

    func testSerialiseRestoreContinueMatchesAnUninterruptedRun() throws {
        for config in Self.configurations {
            let straight = try run(config, dimension: 5000, generations: 7, threads: 2)
            let firstPart = try run(config, dimension: 5000, generations: 3, threads: 2)
            let bytes = firstPart.state.encoded
            let restoredState = try StrategyState(encoded: bytes)
            XCTAssertEqual(restoredState.encoded, bytes)
            let restored = try Strategy(configuration: config, restoring: restoredState, threads: 1)
            let resumed = try run(config, dimension: 5000, generations: 4, threads: 1, from: restored)
            XCTAssertEqual(resumed.state.encoded, straight.state.encoded, "\(config.algorithm)")
            XCTAssertEqual(resumed.state.digest, straight.state.digest)
            // And through Codable (JSON) too.
            let json = try JSONEncoder().encode(firstPart.state)
            XCTAssertEqual(try JSONDecoder().decode(StrategyState.self, from: json).encoded, bytes)
        }
    }


    func testDigestTracksTheCoreState() throws {
        var es = try Strategy(configuration: .openAIES(populationSize: 4), mean: [1, 2, 3])
        let d0 = es.state.digest
        XCTAssertEqual(d0.count, 64)
        XCTAssertEqual(try Strategy(configuration: .openAIES(populationSize: 4), mean: [1, 2, 3]).state.digest, d0)
        try es.tell([1, 2, 3, 4])
        XCTAssertNotEqual(es.state.digest, d0)
        var flipped = es.state
        flipped.optimizer.second[2] = Float(bitPattern: flipped.optimizer.second[2].bitPattern ^ 1)
        XCTAssertNotEqual(flipped.digest, es.state.digest)
    }


    func testSHA256KnownAnswers() {
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }


    func testMalformedStateBytesAreRejectedWithoutCrashing() throws {
        var es = try Strategy(configuration: .snes(populationSize: 4, sigma: 1), mean: [1, 2, 3, 4, 5])
        try es.tell([1, 2, 3, 4])
        let bytes = es.state.encoded
        for cut in 0..<bytes.count {
            XCTAssertThrowsError(try StrategyState(encoded: Array(bytes[0..<cut])), "cut at \(cut)")
        }
        XCTAssertThrowsError(try StrategyState(encoded: bytes + [0]))
        var huge = bytes
        // The mean's length field (after marker, version, generation) claims 2⁶² floats.
        huge[5 + 8 + 7] = 0x40
        XCTAssertThrowsError(try StrategyState(encoded: huge)) { XCTAssertTrue("\($0)".contains("only")) }
        var badVersion = bytes
        badVersion[4] = 9
        XCTAssertThrowsError(try StrategyState(encoded: badVersion)) { XCTAssertTrue("\($0)".contains("version 9")) }
    }
}
