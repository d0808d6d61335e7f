import Foundation
import PopulusKit

extension BenchES {
    /// Runs Benchmarks/peers/evosax_cartpole.py once per seed when evosax,
    /// gymnax and JAX import; says why when they cannot.
    func runPeer(into figures: inout ESBenchFigures) {
        let script: String
        switch peers.script("evosax_cartpole.py", modules: ["evosax", "gymnax", "jax", "optax", "flax"]) {
        case .success(let path): script = path
        case .failure(let why):
            figures.notes.append(why.description)
            return
        }
        for seed in 0..<seeds {
            let arguments = [script, "--seed", String(seed), "--target", String(target),
                             "--max-generations", String(maxGenerations), "--steady", String(steady),
                             "--population", String(figures.base.es.populationSize)]
            do {
                let result = try PeerScript.python(arguments)
                guard result.status == 0, let o = PeerScript.lastJSONObject(result.output) else {
                    figures.notes.append("evosax_cartpole.py failed (exit \(result.status)): \(result.output.suffix(400))")
                    return
                }
                var r = ESRunFigures()
                r.generationsToTarget = o["generations_to_target"] as? Int
                r.secondsToTarget = o["seconds_to_target"] as? Double
                r.steadyGenerationsPerSecond = o["steady_generations_per_second"] as? Double ?? 0
                r.steadyStepsPerSecond = o["steady_env_steps_per_second"] as? Double ?? 0
                r.steadyCPUSecondsPerGeneration = o["steady_cpu_seconds_per_generation"] as? Double ?? 0
                r.means = o["population_means"] as? [Double] ?? []
                r.firstCallSeconds = o["first_generation_seconds"] as? Double
                r.importSeconds = o["import_seconds"] as? Double
                figures.peer.append(r)
                figures.peerVersions = ["evosax": o["evosax"] as? String ?? "?", "gymnax": o["gymnax"] as? String ?? "?",
                                        "jax": o["jax"] as? String ?? "?"]
                print(r.line(label: "evosax  seed \(seed)"))
            } catch {
                figures.notes.append("evosax_cartpole.py could not run: \(error)")
                return
            }
        }
    }
}

/// Everything `bench es` measured, with the comparison it prints and writes.
struct ESBenchFigures {
    let config: String
    let base: ESConfiguration
    let threads: Int
    let target: Double
    let steady: Int
    var populus: [ESRunFigures] = []
    var peer: [ESRunFigures] = []
    var peerVersions: [String: String] = [:]
    var notes: [String] = []

    init(config: String, base: ESConfiguration, threads: Int, target: Double, steady: Int) {
        self.config = config
        self.base = base
        self.threads = threads
        self.target = target
        self.steady = steady
    }

    /// The issue's target: at least 5× evosax on both figures.
    static let targetRatio = 5.0

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    struct Summary {
        var secondsToTarget: Double?
        var generationsToTarget: Double?
        var generationsPerSecond: Double?
        var stepsPerSecond: Double?
        var cpuSecondsPerGeneration: Double?
        var reached: Int
    }

    func summary(_ runs: [ESRunFigures]) -> Summary {
        let reached = runs.filter { $0.secondsToTarget != nil }
        // A seed that never reached the target counts as +∞ seconds in the median.
        let seconds = runs.map { $0.secondsToTarget ?? .infinity }
        return Summary(secondsToTarget: Self.median(seconds),
                       generationsToTarget: Self.median(runs.map { Double($0.generationsToTarget ?? Int.max) }),
                       generationsPerSecond: Self.median(runs.map(\.steadyGenerationsPerSecond)),
                       stepsPerSecond: Self.median(runs.map(\.steadyStepsPerSecond)),
                       cpuSecondsPerGeneration: Self.median(runs.map(\.steadyCPUSecondsPerGeneration)), reached: reached.count)
    }

    var header: String {
        let s = base.es
        return "populus bench es: \(base.env), population \(s.populationSize), MLP \(([4] + base.policy.hiddenSizes + [2]).map(String.init).joined(separator: "-")) \(base.policy.activation.rawValue), σ \(s.sigma.initial), Adam lr \(s.learningRate.initial), \(s.shaping.rawValue), antithetic, episodes ≤ \(base.evaluation.maxSteps ?? 500) steps; target population mean ≥ \(humanNumber(target)); steady state over \(steady) generations"
    }

    func table() -> String {
        var lines = [header, String(repeating: "-", count: 100)]
        let ours = summary(populus)
        func row(_ label: String, _ s: Summary, count: Int) -> String {
            let reach = s.secondsToTarget.map { $0.isFinite ? String(format: "%8.2f s (%g generations)", $0, s.generationsToTarget ?? 0) : "not reached" } ?? "-"
            let steady = s.generationsPerSecond.map { String(format: "%8.2f generations/s (%.2f M env steps/s)", $0, (s.stepsPerSecond ?? 0) / 1e6) } ?? "-"
            return label.padding(toLength: max(label.count + 2, 30), withPad: " ", startingAt: 0) + "to target " + reach + "   steady " + steady
                + (count > 1 ? "   [median of \(count) seeds, \(s.reached) reached]" : "")
        }
        lines.append(row("populus (\(threads) thread\(threads == 1 ? "" : "s"))", ours, count: populus.count))
        if !peer.isEmpty {
            let theirs = summary(peer)
            let label = "evosax \(peerVersions["evosax"] ?? "?") + gymnax \(peerVersions["gymnax"] ?? "?") (JAX \(peerVersions["jax"] ?? "?"), CPU)"
            lines.append(row(label, theirs, count: peer.count))
            if let c = Self.median(peer.compactMap(\.firstCallSeconds)) {
                lines.append("  evosax's first generation (tracing + XLA compilation) took \(String(format: "%.2f", c)) s, included above; its imports (\(String(format: "%.1f", Self.median(peer.compactMap(\.importSeconds)) ?? 0)) s) are not")
            }
            let (a, b) = ratios(ours, theirs)
            lines.append(String(format: "populus vs evosax: %@ faster to the target, %@ faster in steady state (target ≥ %g× on both)",
                                a.map { String(format: "%.1f×", $0) } ?? "-", b.map { String(format: "%.1f×", $0) } ?? "-", Self.targetRatio))
            if let o = ours.cpuSecondsPerGeneration, let t = theirs.cpuSecondsPerGeneration, o > 0 {
                lines.append(String(format: "CPU time a steady-state generation (all threads): populus %.1f ms, evosax %.1f ms (%.1f× less; it depends less than wall-clock on other jobs sharing the cores, but still does: caches and JAX's spinning workers)",
                                    o * 1e3, t * 1e3, t / o))
            }
        }
        lines += notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }

    func ratios(_ ours: Summary, _ theirs: Summary) -> (Double?, Double?) {
        var a: Double? = nil, b: Double? = nil
        if let o = ours.secondsToTarget, let t = theirs.secondsToTarget, o.isFinite, t.isFinite, o > 0 { a = t / o }
        if let o = ours.generationsPerSecond, let t = theirs.generationsPerSecond, t > 0 { b = o / t }
        return (a, b)
    }

    func writeJSON(to path: String) throws {
        var object: [String: Any] = [
            "benchmark": "es", "config": config, "environment": base.env, "threads": threads, "target": target,
            "steady_generations": steady, "population": base.es.populationSize, "notes": notes,
            "populus": populus.map(\.json), "target_ratio": Self.targetRatio,
        ]
        let ours = summary(populus)
        object["populus_median_seconds_to_target"] = ours.secondsToTarget.flatMap { $0.isFinite ? $0 : nil }
        object["populus_median_steady_generations_per_second"] = ours.generationsPerSecond
        if !peer.isEmpty {
            let theirs = summary(peer)
            object["evosax"] = peer.map(\.json)
            object["evosax_versions"] = peerVersions
            object["evosax_median_seconds_to_target"] = theirs.secondsToTarget.flatMap { $0.isFinite ? $0 : nil }
            object["evosax_median_steady_generations_per_second"] = theirs.generationsPerSecond
            let (a, b) = ratios(ours, theirs)
            object["ratio_time_to_target"] = a
            object["ratio_steady_generations_per_second"] = b
            if let o = ours.cpuSecondsPerGeneration, let t = theirs.cpuSecondsPerGeneration, o > 0 {
                object["ratio_steady_cpu_seconds_per_generation"] = t / o
            }
        }
        let data = try JSONSerialization.data(withJSONObject: object.compactMapValues { $0 }, options: [.prettyPrinted, .sortedKeys])
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
