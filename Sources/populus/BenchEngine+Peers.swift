import Foundation

extension BenchEngine {
    /// Runs the JAX peer (same MLP step, jax.jit on the CPU) when JAX imports,
    /// and merges its figures; says why when it cannot.
    func runJAXPeer(into report: inout BenchReport) {
        guard let script = findPeerScript() else {
            report.note("JAX peer script not found (looked for Benchmarks/peers/jax_mlp_step.py); pass --peer-script")
            return
        }
        guard (try? PeerScript.python(["-c", "import jax"]))?.status == 0 else {
            report.note("JAX is not installed (python3 -c 'import jax' failed): peer skipped; `make bench-peers` installs it")
            return
        }
        do {
            let result = try PeerScript.python([script, "--seconds", String(seconds)])
            guard result.status == 0,
                  let line = result.output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
                  let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            else {
                report.note("JAX peer failed (exit \(result.status)): \(result.output.suffix(300))")
                return
            }
            if let v = object["jax_version"] as? String { report.text("jax_version", v) }
            for batch in [64, 1] {
                guard let jax = object["jax_mlp_us_batch\(batch)"] as? Double else { continue }
                report.number("jax_mlp_us_batch\(batch)", jax, unit: "µs")
                if case let .number(ours, _)? = report.entries.first(where: { $0.key == "mlp_us_batch\(batch)" })?.value {
                    report.number("jax_over_engine_batch\(batch)", jax / ours, unit: "× faster")
                }
            }
        } catch {
            report.note("JAX peer could not run: \(error)")
        }
    }

    private func findPeerScript() -> String? {
        let fm = FileManager.default
        if let peerScript { return fm.fileExists(atPath: peerScript) ? peerScript : nil }
        let relative = "Benchmarks/peers/jax_mlp_step.py"
        var candidates = [fm.currentDirectoryPath + "/" + relative]
        // .build/<config>/populus → the package root three levels up.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent(relative).path)
            dir.deleteLastPathComponent()
        }
        return candidates.first { fm.fileExists(atPath: $0) }
    }
}
