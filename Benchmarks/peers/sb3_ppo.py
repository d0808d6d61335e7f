"""Stable-Baselines3 PPO on CartPole-v1 with the hyperparameters of
Configs/ppo-cartpole.yaml: the peer of `populus bench ppo`.

Prints one JSON line: environment steps per second of `model.learn` (rollouts
and updates, wall clock), the first step at which the mean return of the last
20 episodes reached the threshold, and the final mean return.

    python3 Benchmarks/peers/sb3_ppo.py --seed 1 --threads 1
"""
import argparse
import json
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--env", default="CartPole-v1")
    p.add_argument("--total-steps", type=int, default=50_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1, help="torch threads; 0 keeps torch's default")
    p.add_argument("--n-envs", type=int, default=8)
    p.add_argument("--n-steps", type=int, default=32)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--n-epochs", type=int, default=20)
    p.add_argument("--gamma", type=float, default=0.98)
    p.add_argument("--gae-lambda", type=float, default=0.8)
    p.add_argument("--learning-rate", type=float, default=1e-3)
    p.add_argument("--anneal-lr", type=int, default=1, help="1: linear to 0 over total steps (RL Zoo's lin_1e-3)")
    p.add_argument("--clip-range", type=float, default=0.2)
    p.add_argument("--ent-coef", type=float, default=0.0)
    p.add_argument("--vf-coef", type=float, default=0.5)
    p.add_argument("--max-grad-norm", type=float, default=0.5)
    p.add_argument("--hidden", default="64,64")
    p.add_argument("--threshold", type=float, default=475.0)
    p.add_argument("--window", type=int, default=20)
    a = p.parse_args()

    import torch
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    import gymnasium
    import stable_baselines3
    from stable_baselines3 import PPO
    from stable_baselines3.common.callbacks import BaseCallback
    from stable_baselines3.common.env_util import make_vec_env

    episodes = []  # (step, return)

    class Episodes(BaseCallback):
        def _on_step(self):
            for info in self.locals["infos"]:
                if "episode" in info:
                    episodes.append((self.num_timesteps, float(info["episode"]["r"])))
            return True

    env = make_vec_env(a.env, n_envs=a.n_envs, seed=a.seed)
    lr = (lambda progress: progress * a.learning_rate) if a.anneal_lr else a.learning_rate
    hidden = [int(h) for h in a.hidden.split(",") if h]
    model = PPO("MlpPolicy", env, n_steps=a.n_steps, batch_size=a.batch_size, n_epochs=a.n_epochs,
                gamma=a.gamma, gae_lambda=a.gae_lambda, learning_rate=lr, clip_range=a.clip_range,
                ent_coef=a.ent_coef, vf_coef=a.vf_coef, max_grad_norm=a.max_grad_norm,
                policy_kwargs=dict(net_arch=dict(pi=hidden, vf=hidden), activation_fn=torch.nn.Tanh),
                seed=a.seed, device="cpu", verbose=0)
    start = time.perf_counter()
    model.learn(total_timesteps=a.total_steps, callback=Episodes())
    elapsed = time.perf_counter() - start

    reached = None
    returns = [r for _, r in episodes]
    for i in range(a.window - 1, len(episodes)):
        if sum(returns[i - a.window + 1:i + 1]) / a.window >= a.threshold:
            reached = episodes[i][0]
            break
    tail = returns[-a.window:]
    print(json.dumps({
        "steps": model.num_timesteps,
        "seconds": elapsed,
        "steps_per_second": model.num_timesteps / elapsed,
        "steps_to_threshold": reached,
        "final_return_mean": sum(tail) / len(tail) if tail else None,
        "episodes": len(episodes),
        "threads": torch.get_num_threads(),
        "seed": a.seed,
        "version": stable_baselines3.__version__,
        "torch": torch.__version__,
        "gymnasium": gymnasium.__version__,
    }))


if __name__ == "__main__":
    main()
