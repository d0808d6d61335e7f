"""Peer for `populus bench envs`: Gymnasium's SyncVectorEnv stepping N CartPole-v1
instances under uniformly random actions (auto-reset on), timed on the wall clock.

Prints one JSON object: {"peer", "num_envs", "steps", "seconds", "steps_per_second", ...}.
Usage: python3 gym_cartpole.py [--num-envs 256] [--seconds 3] [--seed 0]
"""
import argparse
import json
import time

import numpy as np
import gymnasium as gym


def run(make_envs, num_envs, seconds, seed):
    envs = make_envs(num_envs)
    envs.reset(seed=seed)
    rng = np.random.default_rng(seed)
    for _ in range(20):  # warm-up
        envs.step(rng.integers(0, 2, size=num_envs))
    steps = 0
    start = time.perf_counter()
    while True:
        for _ in range(50):
            envs.step(rng.integers(0, 2, size=num_envs))
        steps += 50 * num_envs
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    envs.close()
    return steps, elapsed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--num-envs", type=int, default=256)
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    sync = lambda n: gym.vector.SyncVectorEnv([lambda: gym.make("CartPole-v1")] * n)
    steps, elapsed = run(sync, a.num_envs, a.seconds, a.seed)
    print(json.dumps({
        "peer": "gymnasium SyncVectorEnv",
        "version": gym.__version__,
        "num_envs": a.num_envs,
        "steps": steps,
        "seconds": elapsed,
        "steps_per_second": steps / elapsed,
    }))


if __name__ == "__main__":
    main()
