import Foundation
import Random

/// N CartPole-v1 instances as a struct of arrays: x, ẋ, θ, θ̇ each contiguous,
/// stepped with same-step auto-reset (see `BatchedEnvironment`) in two passes:
/// cos θ and sin θ for every instance first (`CartPoleTrig`, independent
/// calls the CPU overlaps), then the Euler arithmetic with no calls in it; ended episodes
/// are reset after both. Numerically identical to
/// `VectorEnvironment<CartPole>` with the same seed and path — the same
/// `CartPole.integrate`, the same reset draws — only laid out for speed.
public final class CartPoleBatch: BatchedEnvironment, @unchecked Sendable {
    public let count: Int
    public let maxEpisodeSteps: Int
    /// Per-instance physics (one task per instance, or the same for all).
    public let parameters: [CartPoleTask]
    let streams: [RandomStream]
    /// x at [0, n), ẋ at [n, 2n), θ at [2n, 3n), θ̇ at [3n, 4n).
    let state: UnsafeMutablePointer<Double>
    let elapsed: UnsafeMutablePointer<Int>
    /// cos θ and sin θ of every instance, filled in a first pass so the
    /// calls overlap and the arithmetic pass has no calls in it.
    let trig: UnsafeMutablePointer<Double>
    public private(set) var finalObservations: [Float]
    public private(set) var finishedReturns: [Double]
    public private(set) var finishedLengths: [Int]
    public private(set) var episodesCompleted = 0

    public var observationSpace: Space { CartPole.observationSpace }
    public var actionSpace: Space { .discrete(2) }

    /// `count` instances with the same physics.
    public convenience init(count: Int, parameters: CartPoleTask = .gymnasium,
                            maxEpisodeSteps: Int = 500, seed: UInt64, path: [StreamPathComponent] = []) {
        self.init(parameters: Array(repeating: parameters, count: count),
                  maxEpisodeSteps: maxEpisodeSteps, seed: seed, path: path)
    }

    /// One instance per element of `parameters` (e.g. one per sampled task).
    public init(parameters: [CartPoleTask], maxEpisodeSteps: Int = 500,
                seed: UInt64, path: [StreamPathComponent] = []) {
        precondition(!parameters.isEmpty, "a batch needs at least one instance")
        count = parameters.count
        self.parameters = parameters
        self.maxEpisodeSteps = maxEpisodeSteps
        streams = (0..<count).map { RandomStream(seed: seed, path: path + ["instance", .init($0)]) }
        state = .allocate(capacity: 4 * count)
        state.initialize(repeating: 0, count: 4 * count)
        elapsed = .allocate(capacity: count)
        elapsed.initialize(repeating: 0, count: count)
        trig = .allocate(capacity: 2 * count)
        trig.initialize(repeating: 0, count: 2 * count)
        finalObservations = [Float](repeating: 0, count: 4 * count)
        finishedReturns = [Double](repeating: 0, count: count)
        finishedLengths = [Int](repeating: 0, count: count)
    }

    deinit {
        state.deallocate()
        elapsed.deallocate()
        trig.deallocate()
    }

    /// Instance i's state (x, ẋ, θ, θ̇).
    public func physicalState(_ i: Int) -> [Double] {
        (0..<4).map { state[$0 * count + i] }
    }

    public func reset(into observations: UnsafeMutableBufferPointer<Float>) {
        precondition(observations.count >= 4 * count, "observation buffer too small")
        for i in 0..<count { resetInstance(i, observations.baseAddress! + 4 * i) }
    }

    /// Same draws, in the same order, as `CartPole.reset`.
    @inline(__always)
    func resetInstance(_ i: Int, _ o: UnsafeMutablePointer<Float>) {
        let n = count, s = streams[i]
        for c in 0..<4 {
            let v = s.uniform(-0.05, 0.05)
            state[c * n + i] = v
            o[c] = Float(v)
        }
        elapsed[i] = 0
    }

    public func step(_ actions: BatchActions,
                     observations: UnsafeMutableBufferPointer<Float>,
                     rewards: UnsafeMutableBufferPointer<Float>,
                     terminated: UnsafeMutableBufferPointer<Bool>,
                     truncated: UnsafeMutableBufferPointer<Bool>) {
        guard case .discrete(let a) = actions else {
            preconditionFailure("CartPoleBatch takes discrete actions")
        }
        let n = count
        precondition(a.count >= n && observations.count >= 4 * n && rewards.count >= n
                     && terminated.count >= n && truncated.count >= n, "step buffers too small")
        let xs = state, xDots = state + n, thetas = state + 2 * n, thetaDots = state + 3 * n
        let cosines = trig, sines = trig + n
        for i in 0..<n {
            cosines[i] = CartPoleTrig.cos(thetas[i])
            sines[i] = CartPoleTrig.sin(thetas[i])
        }
        let obs = observations.baseAddress!
        var anyDone = false
        parameters.withUnsafeBufferPointer { params in
            for i in 0..<n {
                let act = a[i]
                precondition(act == 0 || act == 1, "CartPole takes action 0 or 1, got \(act)")
                let p = params[i]
                var x = xs[i], xDot = xDots[i], theta = thetas[i], thetaDot = thetaDots[i]
                CartPole.integrate(&x, &xDot, &theta, &thetaDot, push: act == 1,
                                   cosTheta: cosines[i], sinTheta: sines[i], p)
                xs[i] = x; xDots[i] = xDot; thetas[i] = theta; thetaDots[i] = thetaDot
                let t = elapsed[i] + 1
                elapsed[i] = t
                let term = CartPole.isTerminal(x: x, theta: theta)
                let trunc = t >= maxEpisodeSteps
                let o = obs + 4 * i
                o[0] = Float(x); o[1] = Float(xDot); o[2] = Float(theta); o[3] = Float(thetaDot)
                rewards[i] = 1
                terminated[i] = term
                truncated[i] = trunc
                anyDone = anyDone || term || trunc
            }
        }
        guard anyDone else { return }
        for i in 0..<n where terminated[i] || truncated[i] { finish(i, obs + 4 * i, length: elapsed[i]) }
    }

    /// Books the ended episode and starts the next one in place.
    func finish(_ i: Int, _ o: UnsafeMutablePointer<Float>, length: Int) {
        for c in 0..<4 { finalObservations[4 * i + c] = o[c] }
        finishedReturns[i] = Double(length)  // +1 per step, the terminating one included
        finishedLengths[i] = length
        episodesCompleted += 1
        resetInstance(i, o)
    }
}
