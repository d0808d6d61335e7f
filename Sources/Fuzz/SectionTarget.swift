import Foundation
import PopulusKit

/// `section`: one checkpoint section's bytes straight into its decoder,
/// without the envelope, so the fuzzer spends its time inside the decoders
/// the restores share.
///
/// Input: a selector byte, then the section's bytes:
/// 0 ES strategy state (`StrategyState(encoded:)`, every run kind's
/// "strategy" and each POET agent), 1 metrics table, 2 a PBT agent
/// (`AgentState(bytes:)`, then `Agent(restoring:)`), 3 optimizer state,
/// 4 a random stream's state, 5 a "streams" section, 6 a "driver" section.
enum SectionTarget {
    static let target = FuzzTarget(
        name: "section", summary: "a selector byte (0 strategy … 6 driver), then one section's bytes", run: run)

    static let kinds = ["strategy", "metrics", "agent", "optimizer", "stream", "streams", "driver"]

    static func run(_ input: [UInt8]) throws {
        guard let selector = input.first else { return }
        let bytes = Array(input.dropFirst())
        switch Int(selector) % kinds.count {
        case 0:
            let state = try StrategyState(encoded: bytes)
            guard state.encoded == bytes else { fuzzFailure("section", "a decoded strategy state encodes differently") }
        case 1:
            let table = try MetricsTable(encoded: bytes)
            _ = table.csv
        case 2:
            let state = try AgentState(bytes: bytes)
            let agent = try Agent(restoring: state)
            _ = agent.state.bytes
        case 3:
            _ = try OptimizerState(bytes: bytes)
        case 4:
            let stream = try RandomStream(state: bytes)
            // The draws that reject values (0, the ziggurat's wedges) must end.
            _ = (stream.uniformPositive(), stream.gaussian(), stream.integer(below: 7))
            _ = stream.stateBytes
        case 5:
            var c = Checkpoint(kind: "es", generation: 0)
            c[Checkpoint.streams] = bytes
            _ = try c.streams()
        default:
            var c = Checkpoint(kind: "es", generation: 0)
            c[RunDriver<ESRun>.driverSection] = bytes
            _ = try RunDriver<ESRun>.wallSeconds(in: c)
        }
    }
}
