import Environments
import Random

/// Up to four episodes played together, their policies evaluated in SIMD
/// lanes by `PolicyNetwork.forwardGroup` (one pass for all, no horizontal
/// sums), each environment stepped on its own. A lane whose episode has ended
/// is left alone (its outputs are computed and ignored) until all have ended.
///
/// Each member gets what `episode(genome, seed:)` would give it: its stream
/// `(seed, ["episode"])` (a copy of the previous member's when the seeds are
/// equal — the two members of an antithetic pair), the task and start state
/// drawn from it, the same outputs bit for bit, the same actions and steps.
extension EpisodeRunner {
    /// Episodes of `genomes` (one to `PolicyNetwork.groupSize`), member k from `seeds[k]`.
    public func group(_ genomes: [[Float]], seeds: [UInt64]) -> [Outcome] {
        precondition(genomes.allSatisfy { $0.count == network.parameterCount }, "genomes must have the policy's parameter count")
        return group(flat: genomes.flatMap { $0 }, seeds: seeds)
    }

    /// `group` with the genomes one after another in `flat` (seeds.count × parameterCount floats).
    public func group(flat genomes: [Float], seeds: [UInt64]) -> [Outcome] {
        let count = seeds.count
        precondition(count >= 1 && count <= PolicyNetwork.groupSize, "a group plays 1…\(PolicyNetwork.groupSize) episodes")
        precondition(genomes.count == count * network.parameterCount, "one genome per seed")
        var streams: [RandomStream] = []
        for k in 0..<count {
            streams.append(k > 0 && seeds[k] == seeds[k - 1] ? streams[k - 1].copy()
                           : Self.stream(seeds[k]))
        }
        let environments = streams.map(environment)
        let poles = environments.compactMap { $0 as? CartPole }
        return genomes.withUnsafeBufferPointer { g in
            poles.count == count && network.sizes.last == 2
                ? cartPoleLanes(poles, g.baseAddress!, streams)
                : lanes(environments[0], environments, g.baseAddress!, streams)
        }
    }

    /// The group loop on the opened concrete environment type.
    func lanes<E: Environment>(_ first: E, _ environments: [any Environment], _ theta: UnsafePointer<Float>,
                               _ streams: [RandomStream]) -> [Outcome] {
        var group = EpisodeGroup(environments.map { $0 as! E }, theta: theta, streams: streams, runner: self)
        defer { group.release() }
        while group.running > 0 {
            network.forwardGroup(packed: group.packed, input: group.input, scratch: group.scratch, output: group.output)
            group.step(self)
        }
        return group.outcomes
    }
}

/// The state of a group of episodes: environments, tallies, and one
/// allocation for packed θ, inputs, scratch and outputs.
struct EpisodeGroup<E: Environment> {
    var environments: [E]
    let streams: [RandomStream]
    let count: Int
    let buffer: UnsafeMutablePointer<Float>
    let packed: UnsafeMutablePointer<Float>
    /// Observations `[unit][member]`.
    let input: UnsafeMutablePointer<Float>
    let scratch: UnsafeMutablePointer<Float>
    /// Outputs `[unit][member]`.
    let output: UnsafeMutablePointer<Float>
    /// One member's observation, outputs and continuous action, contiguous.
    let observation: UnsafeMutableBufferPointer<Float>
    let laneOutput: UnsafeMutablePointer<Float>
    let action: UnsafeMutablePointer<Float>
    let outputs: Int
    let limits: [Int]
    let box: ActionBox
    var totals: [Double]
    var steps: [Int]
    var done: [Bool]
    var running: Int

    init(_ environments: [E], theta: UnsafePointer<Float>, streams: [RandomStream], runner: EpisodeRunner) {
        let net = runner.network, lanes = PolicyNetwork.groupSize
        self.environments = environments
        self.streams = streams
        count = environments.count
        let obsCount = environments[0].observationSpace.dimension
        outputs = net.sizes.last!
        let outputPairs = PolicyNetwork.unitPairs(outputs)
        let inputLength = (obsCount * lanes + 7) / 8 * 8
        let total = net.groupParameterCount + inputLength + 2 * net.groupRowLength + outputPairs * 8
            + obsCount + 2 * outputs
        // 64-byte aligned, and every region a multiple of 8 floats: no
        // 32-byte load in the passes straddles a cache line (≈ 15 % faster).
        buffer = UnsafeMutableRawPointer.allocate(byteCount: total * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: total)
        packed = buffer
        // `packGroup` below writes every float of the packed θ; the rest starts at zero.
        (buffer + net.groupParameterCount).initialize(repeating: 0, count: total - net.groupParameterCount)
        input = packed + net.groupParameterCount
        scratch = input + inputLength
        output = scratch + 2 * net.groupRowLength
        observation = UnsafeMutableBufferPointer(start: output + outputPairs * 8, count: obsCount)
        laneOutput = observation.baseAddress! + obsCount
        action = laneOutput + outputs
        let d = net.parameterCount, n = environments.count
        // Lanes beyond the group's members repeat member 0 (their results are dropped).
        net.packGroup((0..<lanes).map { theta + ($0 < n ? $0 : 0) * d }, into: packed)
        limits = environments.map(runner.stepLimit)
        box = ActionBox(environments[0].actionSpace)
        totals = Array(repeating: 0, count: n)
        steps = Array(repeating: 0, count: n)
        done = limits.map { $0 <= 0 }
        running = done.filter { !$0 }.count
        for k in 0..<n {
            self.environments[k].reset(stream: streams[k], into: observation)
            scatter(k)
        }
    }

    /// Copies member k's observation into its lane of the input.
    @inline(__always)
    func scatter(_ k: Int) {
        for i in 0..<observation.count { input[4 * i + k] = observation[i] }
    }

    var outcomes: [EpisodeRunner.Outcome] {
        (0..<count).map { EpisodeRunner.Outcome(totalReward: totals[$0], steps: steps[$0]) }
    }

    /// Turns each running member's outputs into an action and steps its
    /// environment (what `EpisodeLane.step` does for one).
    mutating func step(_ runner: EpisodeRunner) {
        for k in 0..<count where !done[k] {
            for j in 0..<outputs { laneOutput[j] = output[4 * j + k] }
            let outcome = runner.act(&environments[k], outputs: laneOutput, box: box, stream: streams[k], action: action,
                                     into: observation)
            scatter(k)
            totals[k] += outcome.reward
            steps[k] += 1
            if outcome.done || steps[k] >= limits[k] {
                done[k] = true
                running -= 1
            }
        }
    }

    func release() { UnsafeMutableRawPointer(buffer).deallocate() }
}
