import Environments
import Foundation
import Random
import XCTest
@testable import Walker
#if canImport(Glibc)
import Glibc
#endif

/// CPU time of the calling thread: what a step costs even when other
/// processes share the cores.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Environment steps per second of the walker (random torques on a POET
/// course with every obstacle kind, resetting after falls), printed for the
/// README; the bound only catches a pathological slow-down.
final class WalkerSpeedTests: XCTestCase {
    func testStepsPerSecond() {
        let family = WalkerTerrainFamily()
        var e = family.initialEncoding
        let stream = RandomStream(seed: 8)
        for _ in 0..<6 { e = family.mutate(e, stream: stream) }
        var env = family.makeEnvironment(e, terrainSeed: 5)
        var obs = [Float](repeating: 0, count: 24)
        var actions = [Float](repeating: 0, count: 4 * 4096)
        actions.withUnsafeMutableBufferPointer { stream.fill(uniform: $0, lower: -1, upper: 1) }
        let steps = 40_000
        var episodes = 1
        let start = Date(), cpuStart = threadCPUSeconds()
        obs.withUnsafeMutableBufferPointer { o in
            env.reset(stream: RandomStream(seed: 0), into: o)
            actions.withUnsafeBufferPointer { a in
                for t in 0..<steps {
                    let k = (t % 4096) * 4
                    if env.step(.continuous(UnsafeBufferPointer(rebasing: a[k..<(k + 4)])), into: o).done {
                        env.reset(stream: RandomStream(seed: UInt64(episodes)), into: o)
                        episodes += 1
                    }
                }
            }
        }
        let seconds = Date().timeIntervalSince(start), cpu = threadCPUSeconds() - cpuStart
        let sps = Double(steps) / seconds
        print("walker-terrain: \(Int(sps)) steps/s wall, \(Int(Double(steps) / cpu)) per CPU second "
              + "(\(steps) steps, \(episodes) episodes, course \(e))")
        XCTAssertGreaterThan(sps, 1000)
        // Building a world (course + 200 Box2D bodies) is cheap next to an episode.
        let buildStart = Date()
        for seed in 0..<50 { _ = family.makeEnvironment(e, terrainSeed: UInt64(seed)) }
        let build = Date().timeIntervalSince(buildStart) / 50
        print("walker-terrain: \(Int(build * 1e6)) µs to build an environment")
    }
}
