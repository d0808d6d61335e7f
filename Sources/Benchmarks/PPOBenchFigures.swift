import Foundation
import PopulusKit

/// The figures of `bench ppo`, printed as a table and written as JSON.
struct PPOBenchFigures {
    /// One timed training run.
    struct Run {
        var seed: Int
        var steps: Int
        var seconds: Double
        var stepsToThreshold: Int?
        var finalReturn: Double

        var stepsPerSecond: Double { Double(steps) / seconds }
        var summary: String {
            String(format: "%8.0f steps/s, ", stepsPerSecond)
                + "solved at \(stepsToThreshold.map(String.init) ?? "never")" + String(format: ", final return %.1f", finalReturn)
        }
        var json: [String: Any] {
            ["seed": seed, "steps": steps, "seconds": seconds, "steps_per_second": stepsPerSecond,
             "steps_to_threshold": stepsToThreshold.map { $0 as Any } ?? NSNull(),
             "final_return_mean": finalReturn.isFinite ? finalReturn : NSNull()]
        }
    }

    /// 8 agents on one thread, then two.
    struct Scaling {
        var agents: Int
        var stepsEach: Int
        var oneThread: Double
        var twoThreads: Double
        /// Process CPU seconds of the fastest runs (equal ⇒ no serial overhead from threading).
        var oneThreadCPU: Double
        var twoThreadsCPU: Double
        var identical: Bool
        var cores: Int
        var repeats: Int
        var loadAverage: Double?
        var speedup: Double { oneThread / twoThreads }
    }

    let config: PPOConfiguration
    let file: String
    let threshold: Double
    var ours: [Run] = []
    var sb3: [Run] = []
    var sb3Default: Run?
    var sb3DefaultThreads = 0
    var sb3Version = "?"
    var torchVersion = "?"
    var scaling: Scaling?
    var notes: [String] = []

    static let speedTarget = 10.0
    static let scalingTarget = 1.7

    /// Median steps/s of a set of runs.
    static func median(_ runs: [Run]) -> Double? {
        let v = runs.map(\.stepsPerSecond).sorted()
        guard !v.isEmpty else { return nil }
        return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }

    /// Mean steps to the threshold over the runs that reached it, and how many did.
    static func efficiency(_ runs: [Run]) -> (mean: Double?, reached: Int) {
        let reached = runs.compactMap(\.stepsToThreshold)
        return (reached.isEmpty ? nil : Double(reached.reduce(0, +)) / Double(reached.count), reached.count)
    }

    func table() -> String {
        var lines = ["", "populus bench ppo — \(config.env), \(config.totalSteps) steps per run (\(file))",
                     String(repeating: "-", count: 96)]
        func row(_ label: String, _ runs: [Run]) {
            guard let sps = Self.median(runs) else { return }
            let (mean, reached) = Self.efficiency(runs)
            lines.append(label.padding(toLength: 42, withPad: " ", startingAt: 0)
                         + String(format: "%9.0f steps/s", sps)
                         + "   solved (≥ \(Int(threshold))) in \(reached)/\(runs.count)"
                         + (mean.map { String(format: ", mean %.0f steps", $0) } ?? ""))
        }
        row("populus PPO (median of \(ours.count) seeds)", ours)
        row("Stable-Baselines3 \(sb3Version), torch 1 thread", sb3)
        if let d = sb3Default { row("Stable-Baselines3, torch \(sb3DefaultThreads) threads", [d]) }
        if let o = Self.median(ours), let s = Self.median(sb3) {
            lines.append(String(format: "populus is %.1f× SB3 (1 thread) in steps/s (target ≥ %.0f×)", o / s, Self.speedTarget))
        }
        if let o = Self.median(ours), let d = sb3Default {
            lines.append(String(format: "populus is %.1f× SB3 (torch default threads) in steps/s", o / d.stepsPerSecond))
        }
        if let s = scaling {
            lines.append(String(format: "scaling: %d agents × %d steps, 1 thread %.2f s, 2 threads %.2f s: %.2f× (target ≥ %.1f×, %d cores); results ",
                                s.agents, s.stepsEach, s.oneThread, s.twoThreads, s.speedup, Self.scalingTarget, s.cores)
                         + (s.identical ? "bitwise identical" : "DIFFER"))
            lines.append(String(format: "         CPU time %.2f s vs %.2f s", s.oneThreadCPU, s.twoThreadsCPU)
                         + (s.loadAverage.map { String(format: "; load average %.1f on %d cores when measured", $0, s.cores) } ?? ""))
        }
        lines += notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }

    func writeJSON(to path: String) throws {
        var object: [String: Any] = [
            "benchmark": "ppo", "environment": config.env, "config": file, "total_steps": config.totalSteps,
            "threshold": threshold, "window": 20, "notes": notes,
            "populus_runs": ours.map(\.json), "sb3_runs": sb3.map(\.json),
            "targets": ["speed_vs_sb3": Self.speedTarget, "scaling_2_threads": Self.scalingTarget],
        ]
        if let o = Self.median(ours) { object["populus_steps_per_second"] = o }
        if let s = Self.median(sb3) { object["sb3_steps_per_second"] = s }
        if let o = Self.median(ours), let s = Self.median(sb3) { object["ratio_vs_sb3"] = o / s }
        if let d = sb3Default {
            object["sb3_default_threads_run"] = d.json
            object["sb3_default_threads"] = sb3DefaultThreads
            if let o = Self.median(ours) { object["ratio_vs_sb3_default_threads"] = o / d.stepsPerSecond }
        }
        object["populus_mean_steps_to_threshold"] = Self.efficiency(ours).mean ?? NSNull()
        object["sb3_mean_steps_to_threshold"] = Self.efficiency(sb3).mean ?? NSNull()
        object["sb3_version"] = sb3Version
        object["torch_version"] = torchVersion
        if let s = scaling {
            object["scaling"] = ["agents": s.agents, "steps_each": s.stepsEach, "one_thread_seconds": s.oneThread,
                                 "two_threads_seconds": s.twoThreads, "speedup": s.speedup, "bitwise_identical": s.identical,
                                 "one_thread_cpu_seconds": s.oneThreadCPU, "two_threads_cpu_seconds": s.twoThreadsCPU,
                                 "cores": s.cores, "repeats": s.repeats, "load_average": s.loadAverage ?? NSNull()]
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
