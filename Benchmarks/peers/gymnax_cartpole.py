"""Peer for `populus bench envs`: gymnax's CartPole-v1 (JAX, CPU), N instances
stepped together by `jax.vmap` under `jax.jit`, random actions drawn inside the
compiled step, auto-reset on (gymnax resets inside `step`).

Two ways of driving it are timed, both after compilation:
  * "loop": one jitted vmapped step per Python call (how an agent interleaves
    env steps with its own code);
  * "scan": `jax.lax.scan` over a block of steps in one compiled call (gymnax's
    fastest mode, no Python between steps).
Prints one JSON object; "steps_per_second" is the faster of the two.
Usage: python3 gymnax_cartpole.py [--num-envs 256] [--seconds 3] [--seed 0]
"""
import argparse
import importlib.metadata
import json
import os
import time

os.environ.setdefault("JAX_PLATFORMS", "cpu")

import jax
import jax.numpy as jnp
import gymnax


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--num-envs", type=int, default=256)
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--scan-length", type=int, default=1000)
    a = p.parse_args()
    n = a.num_envs
    env, params = gymnax.make("CartPole-v1")

    def one_step(carry, _):
        key, state = carry
        key, k_act, k_step = jax.random.split(key, 3)
        actions = jax.random.randint(k_act, (n,), 0, 2)
        obs, state, reward, terminated, truncated, _ = jax.vmap(env.step, in_axes=(0, 0, 0, None))(
            jax.random.split(k_step, n), state, actions, params)
        return (key, state), reward.sum()

    key = jax.random.PRNGKey(a.seed)
    key, k_reset = jax.random.split(key)
    _, state = jax.vmap(env.reset, in_axes=(0, None))(jax.random.split(k_reset, n), params)

    step = jax.jit(lambda carry: one_step(carry, None))
    scan = jax.jit(lambda carry: jax.lax.scan(one_step, carry, None, length=a.scan_length))

    def timed(fn, steps_per_call):
        carry = (key, state)
        carry, out = fn(carry)  # compile + warm-up
        jax.block_until_ready(out)
        steps, start = 0, time.perf_counter()
        while True:
            carry, out = fn(carry)
            steps += steps_per_call * n
            if steps % (50 * n) == 0 or steps_per_call > 1:
                jax.block_until_ready(out)
                elapsed = time.perf_counter() - start
                if elapsed >= a.seconds:
                    return steps, elapsed

    loop_steps, loop_s = timed(step, 1)
    scan_steps, scan_s = timed(scan, a.scan_length)
    loop_sps, scan_sps = loop_steps / loop_s, scan_steps / scan_s
    print(json.dumps({
        "peer": "gymnax vmap+jit",
        "version": importlib.metadata.version("gymnax"),
        "jax": jax.__version__,
        "num_envs": n,
        "loop_steps_per_second": loop_sps,
        "scan_steps_per_second": scan_sps,
        "steps_per_second": max(loop_sps, scan_sps),
        "mode": "scan" if scan_sps >= loop_sps else "loop",
    }))


if __name__ == "__main__":
    main()
