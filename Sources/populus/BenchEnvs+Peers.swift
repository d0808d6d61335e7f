import Foundation

extension BenchEnvs {
    /// Runs Gymnasium's SyncVectorEnv and gymnax on the same workload when
    /// their Python packages import; says why when they cannot.
    func runPeers(into figures: inout EnvBenchFigures) {
        guard let directory = findPeersDirectory() else {
            figures.notes.append("peer scripts not found (looked for Benchmarks/peers/gym_cartpole.py); pass --peers-directory")
            return
        }
        let common = ["--num-envs", String(numEnvs), "--seconds", String(seconds)]
        if peerInstalled("gymnasium") {
            if let o = runPeer(directory + "/gym_cartpole.py", common, into: &figures),
               let sps = o["steps_per_second"] as? Double {
                let version = o["version"] as? String ?? "?"
                figures.add("Gymnasium \(version) SyncVectorEnv", key: "gymnasium_sync_vector_env", stepsPerSecond: sps)
                figures.extra["gymnasium_version"] = version
            }
        } else {
            figures.notes.append("Gymnasium is not installed (python3 -c 'import gymnasium' failed); `make bench-peers` installs it")
        }
        if peerInstalled("gymnax") {
            if let o = runPeer(directory + "/gymnax_cartpole.py", common, into: &figures),
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
        } else {
            figures.notes.append("gymnax is not installed (python3 -c 'import gymnax' failed); `make bench-peers` installs it")
        }
    }

    private func runPeer(_ script: String, _ arguments: [String], into figures: inout EnvBenchFigures) -> [String: Any]? {
        do {
            let result = try PeerScript.python([script] + arguments)
            guard result.status == 0,
                  let line = result.output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
                  let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            else {
                figures.notes.append("\(script) failed (exit \(result.status)): \(result.output.suffix(300))")
                return nil
            }
            return object
        } catch {
            figures.notes.append("\(script) could not run: \(error)")
            return nil
        }
    }

    private func peerInstalled(_ module: String) -> Bool {
        (try? PeerScript.python(["-c", "import \(module)"]))?.status == 0
    }

    private func findPeersDirectory() -> String? {
        let fm = FileManager.default
        if let peersDirectory { return fm.fileExists(atPath: peersDirectory + "/gym_cartpole.py") ? peersDirectory : nil }
        var candidates = [fm.currentDirectoryPath + "/Benchmarks/peers"]
        // .build/<config>/populus → the package root a few levels up.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("Benchmarks/peers").path)
            dir.deleteLastPathComponent()
        }
        return candidates.first { fm.fileExists(atPath: $0 + "/gym_cartpole.py") }
    }
}
