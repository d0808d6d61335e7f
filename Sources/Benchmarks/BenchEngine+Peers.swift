import Foundation
import PopulusKit

extension BenchEngine {
    /// Runs the JAX peer (same MLP step, jax.jit on the CPU) when JAX imports,
    /// and merges its figures; says why when it cannot.
    func runJAXPeer(into report: inout BenchReport) {
        let script: String
        switch peers.script("jax_mlp_step.py", modules: ["jax"]) {
        case .success(let path): script = path
        case .failure(let why):
            report.note(why.description)
            return
        }
        do {
            let result = try PeerScript.python([script, "--seconds", String(seconds)])
            guard result.status == 0, let object = PeerScript.lastJSONObject(result.output) else {
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
}
