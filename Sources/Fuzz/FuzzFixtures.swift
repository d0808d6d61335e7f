import PopulusKit

/// The tiny configurations the seed corpus was written with, and which the
/// `checkpoint` target restores every checkpoint against: one per run kind
/// and mode, each a few seconds of work, so that a mutated section meets a
/// run whose shape it must fit (and the seed checkpoints restore fully).
enum FuzzFixtures {
    static let es = """
        name: fuzz-es
        seed: 3
        algorithm: es
        env: CartPole-v1
        generations: 2
        checkpoint_every: 1
        es: {population_size: 8, sigma: 0.1, learning_rate: 0.05}
        policy: {hidden_sizes: [4]}
        evaluation: {episodes: 1, max_steps: 50}
        """

    static let epg = """
        name: fuzz-epg
        seed: 3
        algorithm: epg
        env: point-goal
        generations: 2
        checkpoint_every: 1
        es: {population_size: 4, sigma: 0.05, learning_rate: 0.01}
        outer: {tasks_per_candidate: 1, validation_every: 1, validation_tasks: 1}
        inner: {lifetime_steps: 96, update_every: 24, minibatch_size: 8, hidden_sizes: [8]}
        loss_network: {buffer_size: 48, conv_kernels: [4, 3], conv_strides: [2, 2], conv_channels: [3, 3],
                       context_size: 4, head_hidden: 4}
        """

    /// LPO and TA-LPO: one checkpoint kind ("lpo"), two genome shapes.
    static func lpo(_ family: String) -> String {
        """
        name: fuzz-\(family)
        seed: 3
        algorithm: lpo
        env: cartpole-random
        generations: 2
        checkpoint_every: 1
        es: {population_size: 4, sigma: 0.02, learning_rate: 0.02}
        outer: {tasks_per_candidate: 1, validation_every: 1, validation_tasks: 1, validate_start: true}
        objective: {family: \(family), base: ppo, hidden: 4, init: random}
        lifetime_steps: 256
        ppo: {num_envs: 2, num_steps: 32, hidden_sizes: [8]}
        fitness: {mode: last-episodes, episodes: 2}
        """
    }

    static func pbt(_ mode: String) -> String {
        """
        name: fuzz-pbt-\(mode)
        seed: 3
        algorithm: pbt
        env: CartPole-v1
        generations: 2
        checkpoint_every: 1
        pbt:
          population_size: 2
          interval: 64
          mode: \(mode)
          truncation_fraction: 0.5
          return_window: 2
          hyperparameters:
            learning_rate: {scale: log, min: 1e-4, max: 1e-1}
            minibatch_size: {scale: choice, choices: [16, 32]}
        ppo: {num_envs: 2, num_steps: 32, hidden_sizes: [4]}
        """
    }

    static let poet = """
        name: fuzz-poet
        seed: 5
        algorithm: poet
        env: point-course
        generations: 3
        checkpoint_every: 1
        es: {population_size: 4, sigma: 0.1, learning_rate: 0.03}
        policy: {hidden_sizes: [4]}
        poet: {capacity: 2, reproduction_interval: 1, transfer_interval: 1, reproduction_threshold: -1e9,
               mc_low: -1e9, max_children: 2, max_admitted: 1, eval_episodes: 1, member_episodes: 1, max_steps: 50}
        """

    /// Decoded once; a fixture that does not decode is a bug in this file.
    static func configuration<C: Decodable>(_ yaml: String, as type: C.Type = C.self) -> C {
        do {
            return try ConfigDocument(yaml: yaml, file: "fixture.yaml").decode(C.self)
        } catch {
            fatalError("fuzz fixture does not decode: \(error)\n\(yaml)")
        }
    }

    static let esConfiguration: ESConfiguration = configuration(es)
    static let epgConfiguration: EPGConfiguration = configuration(epg)
    static let lpoConfigurations: [LPOConfiguration] = [configuration(lpo("lpo")), configuration(lpo("ta-lpo"))]
    static let pbtConfigurations: [PBTConfiguration] = [configuration(pbt("synchronous")),
                                                                           configuration(pbt("asynchronous"))]
    static let poetConfiguration: POETConfiguration = configuration(poet)
}
