import Environments
import Random

/// The group loop when every member plays a cart-pole: the four policies in
/// SIMD lanes (`forwardGroup`) and the four cart-poles in SIMD lanes too
/// (`CartPoleLanes`), so a step of the group has no call and no libm in it.
/// The same episodes as `CartPole.step` one lane at a time: identical
/// physics bit for bit, +1 a step, terminated when the pole or cart leaves
/// its bounds, truncated at the environment's step limit, cut at `maxSteps`.
extension EpisodeRunner {
    func cartPoleLanes(_ poles: [CartPole], _ theta: UnsafePointer<Float>, _ streams: [RandomStream]) -> [Outcome] {
        let group = EpisodeGroup(poles, theta: theta, streams: streams, runner: self)
        defer { group.release() }
        // Reset drew the start states; the lanes take over from there.
        var lanes = CartPoleLanes(group.environments)
        let count = group.count
        var active = SIMDMask<SIMD4<Int64>>(repeating: false)
        var limit = SIMD4<Int64>(repeating: 0), steps = SIMD4<Int64>(repeating: 0)
        for k in 0..<count {
            active[k] = !group.done[k]
            limit[k] = Int64(group.limits[k])  // maxSteps and the environment's truncation
        }
        let sample = actions == .sample
        let input = group.input, output = group.output
        while any(active) {
            network.forwardGroup(packed: group.packed, input: input, scratch: group.scratch, output: output)
            var right = SIMDMask<SIMD4<Int64>>(repeating: false)
            if sample {
                for k in 0..<count where active[k] {
                    group.laneOutput[0] = output[k]
                    group.laneOutput[1] = output[4 + k]
                    right[k] = EpisodeRunner.sample(group.laneOutput, 2, stream: streams[k]) == 1
                }
            } else {
                // argmax of two logits: action 1 only when its logit is larger (NaN never wins).
                let logits = UnsafeRawPointer(output).loadUnaligned(as: SIMD8<Float>.self)
                let larger = logits.highHalf .> logits.lowHalf
                for k in 0..<4 { right[k] = larger[k] }
            }
            lanes.integrate(right: right, active: active)
            steps &+= SIMD4(repeating: 1).replacing(with: 0, where: .!active)
            let ended = lanes.terminal .| (steps .>= limit)
            active = active .& .!ended
            Self.store(SIMD4<Float>(lanes.x), input)
            Self.store(SIMD4<Float>(lanes.xDot), input + 4)
            Self.store(SIMD4<Float>(lanes.theta), input + 8)
            Self.store(SIMD4<Float>(lanes.thetaDot), input + 12)
        }
        return (0..<count).map { Outcome(totalReward: Double(steps[$0]), steps: Int(steps[$0])) }
    }

    @inline(__always)
    static func store(_ v: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
    }
}
