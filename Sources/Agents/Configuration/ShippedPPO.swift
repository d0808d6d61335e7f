/// Each environment's shipped PPO: the hyperparameters and lifetime budget a
/// PPO agent on it trains with when nothing else is said — the baseline of
/// every comparison (`compare`, `compare --env`, the transfer table) and the
/// inner PPO of a learned objective (LPO) that gives none of its own.
///
/// Where they come from, per family:
/// - `cartpole`, `cartpole-random`: RL Zoo's CartPole-v1 (`Configs/ppo-cartpole.yaml`), 50,000 steps;
/// - `pendulum`, `pendulum-random`: RL Zoo's Pendulum-v1 without gSDE (`Configs/ppo-pendulum.yaml`), 150,000 steps
///   (the config's 300,000 halved: a transfer row costs 64 lifetimes);
/// - `acrobot`: CleanRL's defaults with observation normalisation, 150,000 steps;
/// - `mountaincar`, `mountaincar-random`: RL Zoo's MountainCar-v0, 200,000 steps (PPO rarely reaches the flag so soon);
/// - `mountaincar-continuous`: RL Zoo's MountainCarContinuous-v0 without gSDE, 50,000 steps;
/// - `point-goal`, `point-direction`: the best of a sweep over learning rate {1e-3, 2e-3, 3e-3, 5e-3, 1e-2} ×
///   rollout {64, 128, 256} × epochs {4, 10} on 16 point-goal training tasks of 3,200 steps (mean final return
///   14.2), 3,200 steps (32 episodes);
/// - bandits and `maze`: CleanRL's defaults at one environment, 20 episodes' worth of steps (bandits: 2,000 pulls;
///   maze: 20,000 steps).
///
/// Unknown families get CleanRL's defaults and 100,000 steps.
public enum ShippedPPO {
    /// The hyperparameters a baseline `learner` trains with on `name`: the
    /// shipped PPO for PPO and DPO; for vanilla PG the same with one pass of
    /// one minibatch per rollout (what PG is).
    public static func hyperparameters(for name: String, learner: LearnerKind) -> PPOHyperparameters {
        var h = settings(for: name).hyperparameters
        if learner == .vpg {
            h.updateEpochs = 1
            h.numMinibatches = 1
        }
        return h
    }

    /// The hyperparameters and budget for the family called `name` (canonical name or alias).
    public static func settings(for name: String) -> (hyperparameters: PPOHyperparameters, lifetimeSteps: Int) {
        let key = name.lowercased()
        var h = PPOHyperparameters()
        switch key {
        case "cartpole", "cartpole-v1", "cartpole-random":
            h.numEnvs = 8; h.numSteps = 32; h.numMinibatches = 1; h.updateEpochs = 20
            h.gamma = 0.98; h.gaeLambda = 0.8; h.learningRate = 1e-3; h.annealLR = true
            h.clipVloss = false; h.entCoef = 0; h.vfCoef = 1
            return (h, 50_000)
        case "pendulum", "pendulum-v1", "pendulum-random":
            h.numEnvs = 4; h.numSteps = 1024; h.numMinibatches = 64; h.updateEpochs = 10
            h.gamma = 0.9; h.gaeLambda = 0.95; h.learningRate = 3e-4; h.annealLR = false
            h.clipVloss = false; h.entCoef = 0; h.vfCoef = 1; h.normObs = true; h.normReward = true
            return (h, 150_000)
        case "acrobot", "acrobot-v1":
            h.normObs = true
            return (h, 150_000)
        case "mountaincar", "mountaincar-v0", "mountaincar-random":
            h.numEnvs = 16; h.numSteps = 16; h.updateEpochs = 4; h.gamma = 0.99; h.gaeLambda = 0.98
            h.entCoef = 0; h.normObs = true
            return (h, 200_000)
        case "mountaincar-continuous", "mountaincarcontinuous-v0":
            h.numEnvs = 1; h.numSteps = 256; h.numMinibatches = 32; h.updateEpochs = 10; h.gamma = 0.9999
            h.gaeLambda = 0.9; h.learningRate = 7.77e-5; h.annealLR = false; h.clipCoef = 0.1; h.entCoef = 0.00429
            h.vfCoef = 0.19; h.maxGradNorm = 5; h.normObs = true
            return (h, 50_000)
        case "point-goal", "point-direction":
            h.numEnvs = 1; h.numSteps = 256; h.learningRate = 3e-3; h.updateEpochs = 10; h.numMinibatches = 8
            h.gamma = 0.99; h.gaeLambda = 0.95; h.entCoef = 0; h.annealLR = false
            return (h, 3_200)
        case "maze":
            h.numEnvs = 1
            return (h, 20_000)
        default:
            if key.hasPrefix("bandit") {
                h.numEnvs = 1
                return (h, 2_000)
            }
            return (h, 100_000)
        }
    }
}
