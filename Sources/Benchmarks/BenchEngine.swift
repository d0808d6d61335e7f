import ArgumentParser
import Foundation
import PopulusKit

/// `populus bench engine`: the gradient engine against raw OpenBLAS sgemm
/// (and GSL's reference CBLAS), its MLP training step against JAX, and the
/// allocation discipline of a steady-state step.
struct BenchEngine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Time the gradient engine against raw OpenBLAS sgemm and a jax.jit MLP step, and check that training steps allocate nothing.")

    @Option(name: .long, help: "Also write the figures as JSON to this file.")
    var json: String?

    @OptionGroup var peers: PeerOptions

    @Flag(name: .long, help: .hidden)
    var mallocProbe = false

    @Option(name: .long, help: "Seconds to spend on each timed figure (best of repeated runs within it).")
    var seconds: Double = 1.0

    func validate() throws {
        guard seconds > 0, seconds <= 60 else {
            throw ValidationError("--seconds must be in (0, 60], got \(seconds)")
        }
    }

    func run() throws {
        configureSingleThreadedBLAS()
        if mallocProbe { return try runMallocProbe() }
        var report = BenchReport()
        let library = BLASProbe.libraryDefining("cblas_sgemm")
        report.text("sgemm_library", library?.loaded ?? "unknown")
        report.text("sgemm_library_file", library?.file ?? "unknown")
        report.text("openblas_config", BLASProbe.openBLASConfig)
        measureSgemmAndDense(into: &report)
        measureMLP(into: &report)
        runJAXPeer(into: &report)
        measureAllocations(into: &report)
        print(report.table())
        if let json {
            try report.writeJSON(to: json)
            print("figures written to \(json)")
        }
    }
}

/// Figures in the order measured, for the table and the JSON file.
struct BenchReport {
    enum Value {
        case number(Double, unit: String)
        case text(String)
    }
    private(set) var entries: [(key: String, value: Value)] = []
    private(set) var notes: [String] = []

    mutating func number(_ key: String, _ v: Double, unit: String = "") {
        entries.append((key, .number(v, unit: unit)))
    }
    mutating func text(_ key: String, _ s: String) { entries.append((key, .text(s))) }
    mutating func note(_ s: String) { notes.append(s) }

    func table() -> String {
        let width = entries.map(\.key.count).max() ?? 10
        var lines = ["populus bench engine (1 BLAS thread)", String(repeating: "-", count: width + 24)]
        for (key, value) in entries {
            let pad = key.padding(toLength: width, withPad: " ", startingAt: 0)
            switch value {
            case let .number(v, unit):
                let shown = v == v.rounded() && abs(v) < 1e9 ? String(Int(v))
                    : abs(v) >= 100 ? String(format: "%.1f", v) : String(format: "%.3f", v)
                lines.append("\(pad)  \(shown)\(unit.isEmpty ? "" : " " + unit)")
            case let .text(s): lines.append("\(pad)  \(s)")
            }
        }
        for n in notes { lines.append("note: \(n)") }
        return lines.joined(separator: "\n")
    }

    func writeJSON(to path: String) throws {
        var object: [String: Any] = [:]
        for (key, value) in entries {
            switch value {
            case let .number(v, _): object[key] = v
            case let .text(s): object[key] = s
            }
        }
        if !notes.isEmpty { object["notes"] = notes }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw ValidationError("cannot write --json \(path): \(error.localizedDescription)")
        }
    }
}

/// Seconds per call of `body`, the best mean over repeated batches of
/// `batch` calls within `seconds` (at least three batches).
func bestTime(seconds: Double, batch: Int, _ body: () -> Void) -> Double {
    body() // warm-up
    var best = Double.infinity
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    var rounds = 0
    while rounds < 3 || DispatchTime.now().uptimeNanoseconds < deadline {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<batch { body() }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, elapsed / Double(batch))
        rounds += 1
    }
    return best
}

/// Seconds per call of each body, measured in alternation (a batch of each
/// per round, so a busy moment on a shared machine hits all alike; each batch
/// after one untimed call, so no body pays for the other's cache traffic);
/// for each body the best round's mean.
func bestTimes(seconds: Double, batch: Int, _ bodies: [() -> Void]) -> [Double] {
    for body in bodies { body() } // warm-up
    var best = [Double](repeating: .infinity, count: bodies.count)
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    var rounds = 0
    while rounds < 3 || DispatchTime.now().uptimeNanoseconds < deadline {
        for (i, body) in bodies.enumerated() {
            body() // untimed: brings this body's data back into cache
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<batch { body() }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best[i] = min(best[i], elapsed / Double(batch))
        }
        rounds += 1
    }
    return best
}
