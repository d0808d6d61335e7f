"""Reference trajectories of Gymnasium's classic-control environments, replayed
by Tests/EnvironmentsTests/GymnasiumTraceTests.swift.

For each environment and case: make the environment, reset it, overwrite the
physical state (`env.unwrapped.state`, float64) with `initial_state`, then step
through `actions` (chosen here by a seeded random policy or a simple
controller, and recorded) until the episode ends or the actions run out, and
record every observation, reward, terminated and truncated flag. Observations
are written as the shortest decimal that round-trips to their float32 value,
rewards as Python floats (float64).

    python3 Tests/EnvironmentsTests/Fixtures/gym_traces.py   # rewrites gym_traces.json
"""
import json
import math
import os

import numpy as np
import gymnasium as gym

HERE = os.path.dirname(os.path.abspath(__file__))


def f32(v):
    return float(str(np.float32(v)))


def run(env_id, case, initial_state, policy, steps, continue_after_done=0, **kwargs):
    env = gym.make(env_id, **kwargs)
    env.reset(seed=0)
    env.unwrapped.state = np.array(initial_state, dtype=np.float64)
    actions, observations, rewards, terminated, truncated = [], [], [], [], []
    state = np.array(initial_state, dtype=np.float64)
    extra = None
    for t in range(steps):
        action = policy(t, state)
        o, r, te, tr, _ = env.step(action)
        state = np.array(env.unwrapped.state, dtype=np.float64)
        if isinstance(action, np.ndarray):
            actions.append(f32(action[0]))
        else:
            actions.append(int(action))
        observations.append([f32(v) for v in o])
        rewards.append(float(r))
        terminated.append(bool(te))
        truncated.append(bool(tr))
        if te or tr:
            if extra is None:
                extra = continue_after_done
            if extra == 0:
                break
            extra -= 1
    env.close()
    return {
        "env": env_id,
        "case": case,
        "initial_state": [float(v) for v in initial_state],
        "actions": actions,
        "observations": observations,
        "rewards": rewards,
        "terminated": terminated,
        "truncated": truncated,
    }


def random_discrete(n, seed):
    rng = np.random.default_rng(seed)
    return lambda t, s: int(rng.integers(0, n))


def random_box(low, high, seed):
    rng = np.random.default_rng(seed)
    return lambda t, s: np.array([rng.uniform(low, high)], dtype=np.float32)


def cartpole_controller(noise_seed=None, noise=0.0):
    rng = np.random.default_rng(noise_seed)

    def policy(t, s):
        x, x_dot, theta, theta_dot = s
        a = int(0.05 * x + 0.2 * x_dot + 10.0 * theta + 1.5 * theta_dot > 0)
        if noise > 0 and rng.uniform() < noise:
            a = 1 - a
        return a
    return policy


def traces():
    out = []
    # CartPole-v1: random pushes (terminates), a balancing controller (runs
    # into the 500-step limit), a noisy controller, a cart leaving the track,
    # and steps taken after termination (reward 0 while still terminated).
    out.append(run("CartPole-v1", "random", [0.01, -0.02, 0.03, 0.04], random_discrete(2, 1), 500))
    out.append(run("CartPole-v1", "controller", [0.0, 0.0, 0.0, 0.0], cartpole_controller(), 600))
    out.append(run("CartPole-v1", "noisy-controller", [-1.0, 0.5, -0.1, 0.3], cartpole_controller(3, 0.2), 600))
    out.append(run("CartPole-v1", "off-track", [2.3, 1.0, 0.0, 0.0], lambda t, s: 1, 500))
    out.append(run("CartPole-v1", "after-termination", [0.0, 0.0, 0.2, 0.5], random_discrete(2, 4), 500,
                   continue_after_done=5))
    # Acrobot-v1: random torques (500-step limit), an energy-pumping
    # controller (reaches the line), and fast spins that hit the velocity
    # bounds and wrap the angles.
    out.append(run("Acrobot-v1", "random", [0.05, -0.05, 0.02, 0.0], random_discrete(3, 5), 600))
    out.append(run("Acrobot-v1", "pump", [0.0, 0.0, 0.0, 0.0], lambda t, s: 0 if s[2] >= 0 else 2, 600))
    out.append(run("Acrobot-v1", "spin", [3.1, -3.0, 12.0, 28.0], random_discrete(3, 6), 250))
    # MountainCar-v0: random pushes (200-step limit), the energy policy (reaches
    # the goal), a car driven into the left wall.
    out.append(run("MountainCar-v0", "random", [-0.5, 0.0], random_discrete(3, 7), 300))
    out.append(run("MountainCar-v0", "energy", [-0.5, 0.0], lambda t, s: 2 if s[1] >= 0 else 0, 300))
    out.append(run("MountainCar-v0", "left-wall", [-1.15, -0.06], lambda t, s: 0 if t < 20 else 2, 300))
    # MountainCarContinuous-v0: random pushes, some outside [-1, 1] (999-step
    # limit), full pushes with the energy policy (reaches the goal, +100),
    # partial pushes, the left wall.
    out.append(run("MountainCarContinuous-v0", "random", [-0.5, 0.0], random_box(-1.5, 1.5, 8), 1100))
    out.append(run("MountainCarContinuous-v0", "energy", [-0.5, 0.0],
                   lambda t, s: np.array([1.0 if s[1] >= 0 else -1.0], dtype=np.float32), 1100))
    out.append(run("MountainCarContinuous-v0", "partial", [-0.3, 0.01],
                   lambda t, s: np.array([0.8 if s[1] >= 0 else -0.7], dtype=np.float32), 1100))
    out.append(run("MountainCarContinuous-v0", "left-wall", [-1.15, -0.06],
                   lambda t, s: np.array([-1.3 if t < 30 else 0.9], dtype=np.float32), 250))
    # Pendulum-v1: random torques beyond the bounds, no torque from near the
    # top, a fast spin hitting the speed limit, an angle far outside [-pi, pi].
    out.append(run("Pendulum-v1", "random", [math.pi, 0.0], random_box(-3.0, 3.0, 9), 300))
    out.append(run("Pendulum-v1", "free", [0.1, -0.5], lambda t, s: np.array([0.0], dtype=np.float32), 300))
    out.append(run("Pendulum-v1", "spin", [-3.0, 7.9], lambda t, s: np.array([2.0], dtype=np.float32), 300))
    out.append(run("Pendulum-v1", "wound", [10.0, -2.0], random_box(-2.0, 2.0, 10), 300))
    return out


def main():
    data = {
        "gymnasium": gym.__version__,
        "numpy": np.__version__,
        "traces": traces(),
    }
    path = os.path.join(HERE, "gym_traces.json")
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")
    for t in data["traces"]:
        print(f'{t["env"]:26s} {t["case"]:18s} steps {len(t["rewards"]):4d} '
              f'terminated {any(t["terminated"])!s:5s} truncated {any(t["truncated"])}')
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
