import Foundation
import PopulusKit

extension BenchPPO {
    /// Runs `Benchmarks/peers/sb3_ppo.py` with the config's hyperparameters:
    /// `peerSeeds` seeds with torch on one thread, one on torch's default.
    func runPeers(into figures: inout PPOBenchFigures) {
        let script: String
        switch peers.script("sb3_ppo.py", modules: ["stable_baselines3", "torch", "gymnasium"]) {
        case .success(let path): script = path
        case .failure(let why):
            figures.notes.append(why.description)
            return
        }
        let c = figures.config, h = c.ppo
        if h.clipVloss { figures.notes.append("clip_vloss is on here; SB3 runs without value clipping") }
        if h.normObs || h.normReward || h.sharedTorso || h.targetKL != nil {
            figures.notes.append("the config uses options the SB3 script does not mirror (norm_obs/norm_reward/shared_torso/target_kl)")
        }
        let common = [
            "--env", c.env, "--total-steps", String(c.totalSteps), "--n-envs", String(h.numEnvs),
            "--n-steps", String(h.numSteps), "--batch-size", String(h.minibatchSize), "--n-epochs", String(h.updateEpochs),
            "--gamma", String(h.gamma), "--gae-lambda", String(h.gaeLambda), "--learning-rate", String(h.learningRate),
            "--anneal-lr", h.annealLR ? "1" : "0", "--clip-range", String(h.clipCoef), "--ent-coef", String(h.entCoef),
            // SB3's value loss is the unhalved MSE: its vf_coef is half of ours.
            "--vf-coef", String(h.vfCoef / 2), "--max-grad-norm", String(h.maxGradNorm ?? 1e9),
            "--hidden", h.hiddenSizes.map(String.init).joined(separator: ","), "--threshold", String(figures.threshold),
        ]
        var runs: [(seed: Int, threads: Int)] = (0..<peerSeeds).map { (seed: $0 + 1, threads: 1) }
        runs.append((seed: 1, threads: 0))
        for (seed, threads) in runs {
            do {
                let result = try PeerScript.python([script, "--seed", String(seed), "--threads", String(threads)] + common)
                guard result.status == 0, let o = PeerScript.lastJSONObject(result.output),
                      let steps = o["steps"] as? Int, let seconds = o["seconds"] as? Double
                else {
                    figures.notes.append("sb3_ppo.py failed (exit \(result.status)): \(result.output.suffix(300))")
                    continue
                }
                let run = PPOBenchFigures.Run(seed: seed, steps: steps, seconds: seconds,
                                              stepsToThreshold: o["steps_to_threshold"] as? Int,
                                              finalReturn: o["final_return_mean"] as? Double ?? .nan)
                let usedThreads = o["threads"] as? Int ?? threads
                if threads == 1 {
                    figures.sb3.append(run)
                    print("  SB3 seed \(seed), torch 1 thread: \(run.summary)")
                } else {
                    figures.sb3Default = run
                    figures.sb3DefaultThreads = usedThreads
                    print("  SB3 seed \(seed), torch default (\(usedThreads) threads): \(run.summary)")
                }
                figures.sb3Version = o["version"] as? String ?? "?"
                figures.torchVersion = o["torch"] as? String ?? "?"
            } catch {
                figures.notes.append("sb3_ppo.py could not run: \(error)")
            }
        }
    }
}
