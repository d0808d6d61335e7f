#!/usr/bin/env python3
"""JAX peer for `populus bench engine`: one training step of a tanh MLP
8 -> 64 -> 64 -> 2 (forward, backward, bias-corrected Adam), jit-compiled on
the CPU, timed at batch 64 and batch 1. Prints one JSON object on stdout.

It mirrors the Swift side exactly: loss = mean((mlp(x) - y)^2), Adam with
lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, the data fixed between steps (the
step's cost, not the data pipeline, is what is measured).

    JAX_PLATFORMS=cpu python3 Benchmarks/peers/jax_mlp_step.py [--seconds S]
"""
import argparse
import json
import os
import time

os.environ.setdefault("JAX_PLATFORMS", "cpu")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402

SIZES = (8, 64, 64, 2)
LR, B1, B2, EPS = 1e-3, 0.9, 0.999, 1e-8


def init_params(key):
    params = []
    for fan_in, fan_out in zip(SIZES[:-1], SIZES[1:]):
        key, sub = jax.random.split(key)
        w = jax.random.normal(sub, (fan_in, fan_out), jnp.float32) / jnp.sqrt(fan_in)
        params.append((w, jnp.zeros((fan_out,), jnp.float32)))
    return params


def mlp(params, x):
    h = x
    for i, (w, b) in enumerate(params):
        h = h @ w + b
        if i < len(params) - 1:
            h = jnp.tanh(h)
    return h


def loss_fn(params, x, y):
    return jnp.mean((mlp(params, x) - y) ** 2)


@jax.jit
def train_step(params, m, v, t, x, y):
    loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
    t = t + 1
    m = jax.tree_util.tree_map(lambda m, g: B1 * m + (1 - B1) * g, m, grads)
    v = jax.tree_util.tree_map(lambda v, g: B2 * v + (1 - B2) * g * g, v, grads)
    c1 = 1 - B1 ** t
    c2 = 1 - B2 ** t
    params = jax.tree_util.tree_map(
        lambda p, m, v: p - LR * (m / c1) / (jnp.sqrt(v / c2) + EPS), params, m, v)
    return params, m, v, t, loss


def time_step(batch, seconds):
    key = jax.random.PRNGKey(0)
    kx, ky, kp = jax.random.split(key, 3)
    x = jax.random.normal(kx, (batch, SIZES[0]), jnp.float32)
    y = jax.random.normal(ky, (batch, SIZES[-1]), jnp.float32)
    params = init_params(kp)
    m = jax.tree_util.tree_map(jnp.zeros_like, params)
    v = jax.tree_util.tree_map(jnp.zeros_like, params)
    t = jnp.float32(0)
    for _ in range(200):  # compile and warm up
        params, m, v, t, loss = train_step(params, m, v, t, x, y)
    jax.block_until_ready(loss)
    # Each step depends on the previous one (as in training), so timing a run
    # of steps and blocking once at the end measures the real step latency.
    best = float("inf")
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        n = 500
        start = time.perf_counter()
        for _ in range(n):
            params, m, v, t, loss = train_step(params, m, v, t, x, y)
        jax.block_until_ready(loss)
        best = min(best, (time.perf_counter() - start) / n)
    return best * 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0,
                        help="time budget per batch size (best of repeated runs)")
    args = parser.parse_args()
    out = {
        "jax_version": jax.__version__,
        "jax_backend": jax.default_backend(),
        "jax_mlp_us_batch64": time_step(64, args.seconds),
        "jax_mlp_us_batch1": time_step(1, args.seconds),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
