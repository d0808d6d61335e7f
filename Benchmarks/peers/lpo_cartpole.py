"""Peer for Populus's LPO (Learned Policy Optimisation, Lu et al. 2022): ONE
meta-generation in JAX on CPU, vmapped over the population and jit-compiled
as a single call (train P PPO agents from scratch, then the ES update).

A generation:
  * phi_i = mu + s_i*sigma*eps_{i//2}, s_i = +1 (even i) / -1 (odd i): antithetic
    pairs share eps; sigma 0.03; mu starts at zeros, so generation 0's mean is PPO.
  * each member trains a fresh PPO agent on gymnax CartPole-v1 for T env steps
    with Configs/ppo-cartpole.yaml (RL Zoo's): 8 envs x 32 steps (batch 256),
    1 minibatch, 20 epochs, gamma 0.98, GAE lambda 0.8, Adam 1e-3 (eps 1e-5)
    annealed per update as lr*(1 - steps_before_rollout/T), value loss
    1.0 * 0.5*mean((V-R)^2) unclipped, no entropy bonus, global grad-norm clip
    0.5, advantages normalised per minibatch ((A-mean)/(std_ddof1 + 1e-8)),
    separate tanh MLPs 4-64-64 (orthogonal init by Gram-Schmidt, gains sqrt2 / 0.01 actor head /
    1.0 critic head, zero biases), categorical over 2 actions. T//256 updates.
    Time-limit truncations add gamma*V(s_final) to the reward (as Populus and SB3).
  * the clipped surrogate is replaced by r*A - D_phi(r, A):
      u = r-1, l = log r, base = clamp([u^2, u|u|, l^2, l|l|]/eps^2, +-50), x = [base, A*base]
      g = v . x + w2 . tanh(W1 x)  (v: 8, W1: Hx8, w2: H, no biases; phi = 8 + 9H numbers)
      D = relu(relu((r - clip(r, 1-eps, 1+eps))*A) + g),  policy loss = -mean(r*A - D)
  * fitness = mean return of each agent's last 10 finished training episodes;
    OpenAI-ES on mu: centered ranks, Adam lr 0.02.
Measures: import seconds; the first generation's wall seconds (tracing + XLA
compilation + one run); the median wall seconds of --generations further calls
(each timed with block_until_ready), env steps / that as env steps per second, and the
median process CPU seconds (getrusage RUSAGE_SELF user+sys, all threads) of a
steady generation. Env steps counted are those executed, P*(T//256)*256.
Prints one JSON object as the last line.
Usage: python3 lpo_cartpole.py [--population 16] [--steps 50000] [--hidden 32] [--generations 3] [--seed 0]
"""
import argparse
import importlib.metadata
import json
import os
import resource
import statistics
import time

os.environ.setdefault("JAX_PLATFORMS", "cpu")

t_import = time.perf_counter()
import jax
import jax.numpy as jnp
import flax.linen as nn
import gymnax
import optax
import_seconds = time.perf_counter() - t_import

N_ENVS, N_STEPS, EPOCHS = 8, 32, 20
GAMMA, LAMBDA, LR, CLIP, VF_COEF, MAX_NORM = 0.98, 0.8, 1e-3, 0.2, 1.0, 0.5
SIGMA, ES_LR, LAST_EPISODES = 0.03, 0.02, 10


def orthogonal(gain):
    """flax's orthogonal init (Haar: Q of a Gaussian matrix with diag(R) > 0), computed by
    Gram-Schmidt (applied twice) in plain jnp: vmapped LAPACK QR (sgeqrf) inside the compiled
    generation deadlocks XLA's CPU thread pool on this 2-core machine (jaxlib 0.10.2)."""
    def init(key, shape, dtype=jnp.float32):
        rows, cols = shape
        n, m = max(rows, cols), min(rows, cols)

        def column(q, i):
            v, done = q[:, i], jnp.arange(m) < i
            for _ in range(2):
                v = v - q @ ((q.T @ v) * done)
            return q.at[:, i].set(v / jnp.linalg.norm(v)), None
        q, _ = jax.lax.scan(column, jax.random.normal(key, (n, m)), jnp.arange(m))
        return (gain * (q.T if rows < cols else q)).astype(dtype)
    return init


class MLP(nn.Module):
    out: int
    head_gain: float

    @nn.compact
    def __call__(self, x):
        for _ in range(2):
            x = nn.tanh(nn.Dense(64, kernel_init=orthogonal(jnp.sqrt(2.0)))(x))
        return nn.Dense(self.out, kernel_init=orthogonal(self.head_gain))(x)


def drift(phi, r, log_r, adv, hidden):
    """D_phi(r, A) >= 0 (elementwise); at phi = 0 it is PPO's clip penalty."""
    v, w1, w2 = phi[:8], phi[8:8 + 8 * hidden].reshape(hidden, 8), phi[8 + 8 * hidden:]
    u = r - 1.0
    base = jnp.clip(jnp.stack([u * u, u * jnp.abs(u), log_r * log_r, log_r * jnp.abs(log_r)], -1) / CLIP**2, -50, 50)
    x = jnp.concatenate([base, adv[:, None] * base], -1)                  # [B, 8]
    g = x @ v + jnp.tanh(x @ w1.T) @ w2                                     # [B]
    d_ppo = jax.nn.relu((r - jnp.clip(r, 1 - CLIP, 1 + CLIP)) * adv)
    return jax.nn.relu(d_ppo + g)


def make_generation(population, total_steps, hidden):
    env, env_params = gymnax.make("CartPole-v1")
    actor, critic = MLP(2, 0.01), MLP(1, 1.0)
    tx = optax.chain(optax.clip_by_global_norm(MAX_NORM), optax.scale_by_adam(eps=1e-5))
    es_opt = optax.adam(ES_LR)
    n_updates = total_steps // (N_ENVS * N_STEPS)
    env_step = jax.vmap(env.step, in_axes=(0, 0, 0, None))
    value = lambda p, o: critic.apply(p["critic"], o)[..., 0]

    def loss_fn(params, phi, b):
        logits = actor.apply(params["actor"], b["obs"])
        logp = jnp.take_along_axis(jax.nn.log_softmax(logits), b["action"][:, None], -1)[:, 0]
        log_r = logp - b["logp"]
        r = jnp.exp(log_r)
        adv = (b["adv"] - b["adv"].mean()) / (b["adv"].std(ddof=1) + 1e-8)
        policy_loss = -jnp.mean(r * adv - drift(phi, r, log_r, adv, hidden))
        return policy_loss + VF_COEF * 0.5 * jnp.mean((value(params, b["obs"]) - b["ret"]) ** 2)

    def train(phi, key):
        """Trains one agent for T steps; returns the mean of its last 10 episode returns."""
        k_a, k_c, k_env, key = jax.random.split(key, 4)
        dummy = jnp.zeros((1, 4))
        params = {"actor": actor.init(k_a, dummy), "critic": critic.init(k_c, dummy)}
        obs, env_state = jax.vmap(env.reset, in_axes=(0, None))(jax.random.split(k_env, N_ENVS), env_params)
        episodes = (jnp.zeros(N_ENVS), jnp.zeros(LAST_EPISODES), jnp.int32(0))  # running, ring, count

        def env_step_fn(carry, _):
            params, obs, env_state, episodes, key = carry
            key, k_act, k_step = jax.random.split(key, 3)
            logits = actor.apply(params["actor"], obs)
            action = jax.random.categorical(k_act, logits)
            logp = jnp.take_along_axis(jax.nn.log_softmax(logits), action[:, None], -1)[:, 0]
            v = value(params, obs)
            next_obs, env_state, reward, term, trunc, info = env_step(
                jax.random.split(k_step, N_ENVS), env_state, action, env_params)
            done = term | trunc
            # Partial-episode bootstrapping where the time limit (not a terminal state) ended it.
            boot = jnp.where(trunc & ~term, GAMMA * value(params, info["final_observation"]), 0.0)
            running, ring, count = episodes
            running = running + reward
            slot = jnp.where(done, (count + jnp.cumsum(done) - 1) % LAST_EPISODES, LAST_EPISODES)
            ring = ring.at[slot].set(running, mode="drop")
            episodes = (jnp.where(done, 0.0, running), ring, count + done.sum())
            transition = dict(obs=obs, action=action, logp=logp, value=v, reward=reward + boot, done=done)
            return (params, next_obs, env_state, episodes, key), transition

        def update(carry, i):
            params, opt_state, obs, env_state, episodes, key = carry
            (_, obs, env_state, episodes, key), tr = jax.lax.scan(
                env_step_fn, (params, obs, env_state, episodes, key), None, N_STEPS)

            def gae(next_, t):
                adv_next, v_next = next_
                not_done = 1.0 - t["done"]
                delta = t["reward"] + GAMMA * v_next * not_done - t["value"]
                adv = delta + GAMMA * LAMBDA * not_done * adv_next
                return (adv, t["value"]), adv
            _, adv = jax.lax.scan(gae, (jnp.zeros(N_ENVS), value(params, obs)),
                                  {k: tr[k] for k in ("done", "reward", "value")}, reverse=True)
            batch = {k: tr[k].reshape(-1, *tr[k].shape[2:]) for k in ("obs", "action", "logp")}
            batch["adv"], batch["ret"] = adv.reshape(-1), (adv + tr["value"]).reshape(-1)
            lr = LR * jnp.maximum(0.0, 1.0 - i * N_ENVS * N_STEPS / total_steps)

            def epoch(state, _):  # one minibatch = the whole batch, so no shuffling is needed
                params, opt_state = state
                grads = jax.grad(loss_fn)(params, phi, batch)
                updates, opt_state = tx.update(grads, opt_state)
                return (jax.tree.map(lambda p, u: p - lr * u, params, updates), opt_state), None
            (params, opt_state), _ = jax.lax.scan(epoch, (params, opt_state), None, EPOCHS)
            return (params, opt_state, obs, env_state, episodes, key), None

        carry = (params, tx.init(params), obs, env_state, episodes, key)
        carry, _ = jax.lax.scan(update, carry, jnp.arange(n_updates))
        _, ring, count = carry[4]
        n = jnp.minimum(count, LAST_EPISODES)
        return jnp.where(n > 0, ring.sum() / jnp.maximum(n, 1), 0.0)  # ring is zero past n

    @jax.jit
    def generation(es_state, key):
        mu, es_opt_state = es_state
        k_eps, k_train = jax.random.split(key)
        eps = jnp.repeat(jax.random.normal(k_eps, (population // 2, mu.size)), 2, axis=0)
        signs = jnp.tile(jnp.array([1.0, -1.0]), population // 2)
        noise = signs[:, None] * eps
        fitness = jax.vmap(train)(mu + SIGMA * noise, jax.random.split(k_train, population))
        ranks = jnp.argsort(jnp.argsort(fitness))
        shaped = ranks / (population - 1) - 0.5                               # centered ranks
        grad = shaped @ noise / (population * SIGMA)                          # ascent direction
        updates, es_opt_state = es_opt.update(-grad, es_opt_state, mu)       # Adam minimises
        return (optax.apply_updates(mu, updates), es_opt_state), fitness

    mu = jnp.zeros(8 + 9 * hidden)
    return generation, (mu, es_opt.init(mu))


def cpu_seconds():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--population", type=int, default=16)
    p.add_argument("--steps", type=int, default=50_000)
    p.add_argument("--hidden", type=int, default=32)
    p.add_argument("--generations", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    assert a.population >= 2 and a.population % 2 == 0, "--population must be even (antithetic pairs)"
    assert a.steps >= N_ENVS * N_STEPS, "--steps must cover at least one 256-step update"

    generation, es_state = make_generation(a.population, a.steps, a.hidden)
    key = jax.random.key(a.seed)
    key, k = jax.random.split(key)
    t = time.perf_counter()
    es_state, fitness = jax.block_until_ready(generation(es_state, k))
    first_seconds = time.perf_counter() - t
    fitness_means = [float(fitness.mean())]

    walls, cpus = [], []
    for _ in range(a.generations):
        key, k = jax.random.split(key)
        t, c = time.perf_counter(), cpu_seconds()
        es_state, fitness = jax.block_until_ready(generation(es_state, k))
        walls.append(time.perf_counter() - t)
        cpus.append(cpu_seconds() - c)
        fitness_means.append(float(fitness.mean()))

    steady = statistics.median(walls) if walls else None
    env_steps = a.population * (a.steps // (N_ENVS * N_STEPS)) * N_ENVS * N_STEPS
    print(json.dumps({
        "peer": "LPO meta-generation: vmapped PPO (drift-replaced clip) on gymnax CartPole-v1 + OpenAI-ES",
        "jax": jax.__version__,
        "gymnax": importlib.metadata.version("gymnax"),
        "flax": importlib.metadata.version("flax"),
        "optax": importlib.metadata.version("optax"),
        "devices": [str(d) for d in jax.devices()],
        "seed": a.seed,
        "population": a.population,
        "steps_per_agent": a.steps,
        "updates_per_agent": a.steps // (N_ENVS * N_STEPS),
        "drift_hidden": a.hidden,
        "drift_parameters": 8 + 9 * a.hidden,
        "import_seconds": import_seconds,
        "first_generation_seconds": first_seconds,
        "steady_generations": a.generations,
        "steady_seconds_per_generation": steady,
        "steady_seconds_all": walls,
        "steady_env_steps_per_second": env_steps / steady if steady else None,
        "steady_cpu_seconds_per_generation": statistics.median(cpus) if cpus else None,
        "compile_seconds_estimate": first_seconds - steady if steady else None,
        "fitness_means": fitness_means,
    }))


if __name__ == "__main__":
    main()
