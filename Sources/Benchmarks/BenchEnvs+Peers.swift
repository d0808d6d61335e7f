import Foundation
import PopulusKit

extension BenchEnvs {
    /// Runs Gymnasium's SyncVectorEnv and gymnax on the same workload when
    /// their Python packages import; says why when they cannot.
    func runPeers(into figures: inout EnvBenchFigures) {
        let common = ["--num-envs", String(numEnvs), "--seconds", String(seconds)]
        switch peers.script("gym_cartpole.py", modules: ["gymnasium"]) {
        case .success(let script):
            if let o = runPeer(script, common, into: &figures),
               let sps = o["steps_per_second"] as? Double {
                let version = o["version"] as? String ?? "?"
                figures.add("Gymnasium \(version) SyncVectorEnv", key: "gymnasium_sync_vector_env", stepsPerSecond: sps)
                figures.extra["gymnasium_version"] = version
            }
        case .failure(let why):
            figures.notes.append(why.description)
        }
        switch peers.script("gymnax_cartpole.py", modules: ["gymnax"]) {
        case .success(let script):
            if let o = runPeer(script, common, into: &figures),
               let best = o["steps_per_second"] as? Double {
                let version = o["version"] as? String ?? "?"
                let scanIsBest = (o["mode"] as? String ?? "scan") == "scan"
                let modes = [("lax.scan of 1000 steps per call", "gymnax_scan"), ("one jitted step per call", "gymnax_loop")]
                let (bestMode, otherMode) = scanIsBest ? (modes[0], modes[1]) : (modes[1], modes[0])
                figures.add("gymnax \(version) vmap+jit, \(bestMode.0)", key: "gymnax", stepsPerSecond: best)
                if let other = o[otherMode.1.replacingOccurrences(of: "gymnax_", with: "") + "_steps_per_second"] as? Double {
                    figures.add("gymnax \(version) vmap+jit, \(otherMode.0)", key: otherMode.1, stepsPerSecond: other)
                }
                figures.extra["gymnax_best_mode"] = bestMode.1
                figures.extra["gymnax_version"] = version
                figures.extra["jax_version"] = o["jax"] as? String ?? "?"
            }
        case .failure(let why):
            figures.notes.append(why.description)
        }
    }

    private func runPeer(_ script: String, _ arguments: [String], into figures: inout EnvBenchFigures) -> [String: Any]? {
        do {
            let result = try PeerScript.python([script] + arguments)
            guard result.status == 0, let object = PeerScript.lastJSONObject(result.output) else {
                figures.notes.append("\(script) failed (exit \(result.status)): \(result.output.suffix(300))")
                return nil
            }
            return object
        } catch {
            figures.notes.append("\(script) could not run: \(error)")
            return nil
        }
    }
}
