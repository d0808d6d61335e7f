import ArgumentParser
import Foundation
import PopulusKit

/// `populus bench envs`: steps per second of N batched CartPole-v1 instances
/// under uniformly random actions (auto-reset on), on one thread, side by side
/// with Gymnasium's `SyncVectorEnv` and gymnax (`vmap` + `jit`) when installed.
struct BenchEnvs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envs",
        abstract: "Time batched CartPole stepping against Gymnasium's SyncVectorEnv and gymnax (vmap + jit).")

    @Option(name: .long, help: "Also write the figures as JSON to this file.")
    var json: String?

    @Option(name: .long, help: "Number of CartPole instances stepped together.")
    var numEnvs: Int = 256

    @Option(name: .long, help: "Seconds to time each contender.")
    var seconds: Double = 3.0

    @OptionGroup var peers: PeerOptions

    func validate() throws {
        guard numEnvs >= 1, numEnvs <= 1 << 20 else { throw ValidationError("--num-envs must be in 1…1048576, got \(numEnvs)") }
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600], got \(seconds)") }
    }

    func run() throws {
        var figures = EnvBenchFigures(numEnvs: numEnvs, seconds: seconds)
        let soa = CartPoleBatch(count: numEnvs, seed: 1, path: ["bench"])
        figures.add("populus CartPoleBatch (struct of arrays)", key: "populus_cartpole_batch",
                    stepsPerSecond: measure(soa))
        let generic = VectorEnvironment((0..<numEnvs).map { _ in CartPole() }, seed: 1, path: ["bench"])
        figures.add("populus VectorEnvironment<CartPole>", key: "populus_vector_environment",
                    stepsPerSecond: measure(generic))
        runPeers(into: &figures)
        print(figures.table())
        if let json {
            try figures.writeJSON(to: json)
            print("figures written to \(json)")
        }
    }

    /// Steps `batch` with random actions (32 drawn per 32-bit word) for
    /// `seconds` after a warm-up; returns instance-steps per second.
    func measure(_ batch: some BatchedEnvironment) -> Double {
        let n = batch.count
        var obs = [Float](repeating: 0, count: n * batch.observationSpace.dimension)
        var rewards = [Float](repeating: 0, count: n)
        var terminated = [Bool](repeating: false, count: n), truncated = terminated
        var actions = [Int](repeating: 0, count: n)
        let stream = RandomStream(seed: 2, path: ["bench", "actions"])
        obs.withUnsafeMutableBufferPointer { batch.reset(into: $0) }
        let clock = ContinuousClock()
        var steps = 0
        var elapsed = Duration.zero
        obs.withUnsafeMutableBufferPointer { o in
            rewards.withUnsafeMutableBufferPointer { r in
                terminated.withUnsafeMutableBufferPointer { te in
                    truncated.withUnsafeMutableBufferPointer { tr in
                        actions.withUnsafeMutableBufferPointer { a in
                            func block(_ count: Int) {
                                for _ in 0..<count {
                                    var i = 0
                                    while i < n {
                                        var bits = stream.next32()
                                        for j in i..<min(i + 32, n) {
                                            a[j] = Int(bits & 1)
                                            bits >>= 1
                                        }
                                        i += 32
                                    }
                                    batch.step(.discrete(UnsafeBufferPointer(a)), observations: o, rewards: r,
                                               terminated: te, truncated: tr)
                                }
                            }
                            block(200)  // warm-up
                            let start = clock.now
                            repeat {
                                block(100)
                                steps += 100 * n
                                elapsed = clock.now - start
                            } while elapsed < .milliseconds(Int(seconds * 1000))
                        }
                    }
                }
            }
        }
        let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Double(steps) / s
    }
}

/// The figures of `bench envs`, in the order measured.
struct EnvBenchFigures {
    struct Row {
        var label: String
        var key: String
        var stepsPerSecond: Double
    }
    let numEnvs: Int
    let seconds: Double
    var rows: [Row] = []
    var extra: [String: Any] = [:]
    var notes: [String] = []

    init(numEnvs: Int, seconds: Double) {
        self.numEnvs = numEnvs
        self.seconds = seconds
    }

    mutating func add(_ label: String, key: String, stepsPerSecond: Double) {
        rows.append(Row(label: label, key: key, stepsPerSecond: stepsPerSecond))
    }

    var ours: Double { rows.first?.stepsPerSecond ?? 0 }

    /// Ratios of the struct-of-arrays batch over each peer row, with the targets.
    static let targets = ["gymnasium_sync_vector_env": 20.0, "gymnax": 2.0]

    func table() -> String {
        let width = (rows.map(\.label.count).max() ?? 20) + 2
        var lines = ["populus bench envs: \(numEnvs) CartPole-v1 instances, random actions, auto-reset, "
                     + "\(seconds) s each, one thread",
                     String(repeating: "-", count: width + 46)]
        for row in rows {
            var line = row.label.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: "%10.3f M steps/s", row.stepsPerSecond / 1e6)
            if !row.key.hasPrefix("populus"), row.stepsPerSecond > 0 {
                line += String(format: "   populus %.1f× faster", ours / row.stepsPerSecond)
                if let target = Self.targets[row.key] { line += String(format: " (target ≥ %g×)", target) }
            }
            lines.append(line)
        }
        lines += notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }

    func writeJSON(to path: String) throws {
        var object: [String: Any] = ["benchmark": "envs", "num_envs": numEnvs, "seconds": seconds,
                                     "environment": "CartPole-v1", "threads": 1, "notes": notes]
        for (k, v) in extra { object[k] = v }
        for row in rows {
            object["\(row.key)_steps_per_second"] = row.stepsPerSecond
            if !row.key.hasPrefix("populus"), row.stepsPerSecond > 0 {
                object["ratio_vs_\(row.key)"] = ours / row.stepsPerSecond
            }
        }
        object["targets"] = Self.targets.mapValues { $0 }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
