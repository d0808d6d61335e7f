"""Peer for `populus bench es`: evosax's OpenAI-ES on gymnax's CartPole-v1
(JAX on CPU) under the settings of Configs/es-cartpole.yaml:

  population 256, antithetic, centered ranks, sigma 0.1 (constant),
  Adam lr 0.03 on the mean, MLP 4-32-32-2 tanh with argmax actions,
  one episode of up to 500 steps per member (gymnax's time limit),
  no observation normalisation.

One generation (ask, evaluate the population with gymnax under vmap, tell)
is one `jax.jit`-compiled call. evosax MINIMISES, so it is told -return.

Measures, as Populus does:
  (a) seconds from before the first compiled call (so JIT compilation is
      included; the imports are reported separately) until a generation's
      population mean return is >= --target;
  (b) steady-state generations per second over --steady generations run
      after that (every gymnax episode is unrolled to 500 steps under
      lax.scan, so this is also its cost for any generation), and the
      process CPU seconds (all threads) a generation took.
Prints one JSON object.
Usage: python3 evosax_cartpole.py [--seed 0] [--target 475] [--max-generations 300] [--steady 20]
"""
import argparse
import importlib.metadata
import json
import os
import time

os.environ.setdefault("JAX_PLATFORMS", "cpu")

t_import = time.perf_counter()
import jax
import jax.numpy as jnp
import optax
from evosax.algorithms import Open_ES
from evosax.core.fitness_shaping import centered_rank_fitness_shaping_fn
from evosax.problems import GymnaxProblem
from evosax.problems.networks import MLP
import flax.linen as nn
import_seconds = time.perf_counter() - t_import


def argmax_output(x, key=None):
    return jnp.argmax(x, axis=-1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--population", type=int, default=256)
    p.add_argument("--target", type=float, default=475.0)
    p.add_argument("--max-generations", type=int, default=300)
    p.add_argument("--steady", type=int, default=20)
    a = p.parse_args()

    start = time.perf_counter()
    policy = MLP(layer_sizes=(32, 32, 2), activation=nn.tanh, output_fn=argmax_output)
    problem = GymnaxProblem("CartPole-v1", policy=policy, episode_length=500, num_rollouts=1,
                            use_normalize_obs=False)
    key = jax.random.key(a.seed)
    key, k_sample, k_init, k_problem = jax.random.split(key, 4)
    solution = problem.sample(k_sample)
    es = Open_ES(population_size=a.population, solution=solution, use_antithetic_sampling=True,
                 optimizer=optax.adam(learning_rate=0.03), std_schedule=optax.constant_schedule(0.1),
                 fitness_shaping_fn=centered_rank_fitness_shaping_fn)
    params = es.default_params
    state = es.init(k_init, solution, params)
    problem_state = problem.init(k_problem)

    @jax.jit
    def generation(carry, key):
        state, problem_state = carry
        k_ask, k_eval, k_tell = jax.random.split(key, 3)
        population, state = es.ask(k_ask, state, params)
        returns, problem_state, _ = problem.eval(k_eval, population, problem_state)
        state, _ = es.tell(k_tell, population, -returns, state, params)  # evosax minimises
        return (state, problem_state), returns.mean()

    carry = (state, problem_state)
    reached, seconds_to_target, first_call = None, None, None
    means = []
    for g in range(a.max_generations):
        key, k = jax.random.split(key)
        t = time.perf_counter()
        carry, mean = generation(carry, k)
        mean = float(mean)  # blocks until the generation is done
        if first_call is None:
            first_call = time.perf_counter() - t
        means.append(mean)
        if mean >= a.target:
            reached, seconds_to_target = g + 1, time.perf_counter() - start
            break

    steady_start, steady_cpu = time.perf_counter(), time.process_time()
    for _ in range(a.steady):
        key, k = jax.random.split(key)
        carry, mean = generation(carry, k)
    jax.block_until_ready(mean)
    steady_seconds = time.perf_counter() - steady_start
    steady_cpu_seconds = time.process_time() - steady_cpu
    print(json.dumps({
        "peer": "evosax Open_ES + gymnax CartPole-v1",
        "evosax": importlib.metadata.version("evosax"),
        "gymnax": importlib.metadata.version("gymnax"),
        "jax": jax.__version__,
        "devices": [str(d) for d in jax.devices()],
        "seed": a.seed,
        "population": a.population,
        "target": a.target,
        "import_seconds": import_seconds,
        "first_generation_seconds": first_call,
        "generations_to_target": reached,
        "seconds_to_target": seconds_to_target,
        "population_means": means,
        "steady_generations": a.steady,
        "steady_seconds": steady_seconds,
        "steady_generations_per_second": a.steady / steady_seconds,
        "steady_env_steps_per_second": a.steady * a.population * 500 / steady_seconds,
        "steady_cpu_seconds_per_generation": steady_cpu_seconds / a.steady,
    }))


if __name__ == "__main__":
    main()
