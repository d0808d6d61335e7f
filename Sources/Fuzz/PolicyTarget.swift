import PopulusKit

/// `policy`: a trained policy file (`populus train` writes
/// `populations/<run>/policy.ckpt`): the envelope, then the spec and
/// layout JSON, θ and the observation statistics, the network rebuilt and
/// one greedy action taken.
///
/// Input: policy file bytes; like `checkpoint`, read as they are, then
/// with the payload length and CRC rewritten so mutations reach the sections.
enum PolicyTarget {
    static let target = FuzzTarget(name: "policy", summary: "policy file bytes (populus train's policy.ckpt)", run: run)

    static func run(_ bytes: [UInt8]) throws {
        let asIs = try? Checkpoint(decoding: bytes, file: "fuzz.ckpt")
        let checkpoint = try asIs ?? Checkpoint(decoding: CheckpointTarget.repaired(bytes), file: "fuzz.ckpt")
        let policy = try PolicyFile(decoding: checkpoint, file: "fuzz.ckpt")
        let action = policy.greedyAction([Float](repeating: 0.5, count: policy.policy.observationSize))
        guard action.count == (policy.policy.isDiscrete ? 1 : policy.policy.actionOutputs) else {
            fuzzFailure("policy", "a loaded policy returns \(action.count) action values")
        }
    }
}
