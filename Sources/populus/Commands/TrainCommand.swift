import ArgumentParser
import Foundation
import PopulusKit

/// `populus train CONFIG.yaml [--set key=value …]`: one agent, one task.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one agent (PPO or vanilla PG) on one task from a YAML config; writes metrics.csv, the resolved config.yaml and the final policy to populations/<name>/.",
        discussion: """
            The config's `algorithm` must be `ppo`; `learner: vpg` selects vanilla policy gradient. \
            Every key is checked before training starts (exit status 2 on a bad key or value).

              populus train Configs/ppo-cartpole.yaml --set seed=3
              populus train Configs/ppo-pendulum.yaml --set ppo.learning_rate=1e-3 --set name=pendulum-lr
            """)

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "Directory that holds run directories.")
    var populations = "populations"

    @Flag(name: .long, help: "Replace an existing run directory of the same name.")
    var overwrite = false

    @Flag(name: .long, help: "Print nothing while training (the summary is still printed).")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Replay a PBT hyperparameter schedule (`populus pbt schedule <run> --output FILE`) on this agent.", valueName: "file"))
    var schedule: String?

    @Option(name: .long, help: ArgumentHelp("Train with an evolved drift (zoo/*.phi) in place of PPO's clip; every other setting is the config's.", valueName: "file"))
    var objective: String?

    func run() throws {
        let document = try options.document()
        let header = try document.header()
        guard header.algorithm == .ppo else {
            throw RunError("\(options.config): algorithm: 'train' runs single agents (algorithm: ppo); this config is '\(header.algorithm.rawValue)' — run it with `populus evolve`")
        }
        let config = try document.decode(PPOConfiguration.self)
        let hook = try schedule.map { try PBTScheduleHook(path: $0, base: config.ppo) }
        let drift = try objective.map { try ObjectiveFile(contentsOf: URL(fileURLWithPath: $0)) }
        if drift != nil, config.learner != .ppo {
            throw RunError("--objective replaces PPO's drift; the config's learner is '\(config.learner.rawValue)' (use learner: ppo)")
        }
        let training = try TrainingRun(config, populations: URL(fileURLWithPath: populations), overwrite: overwrite,
                                       quiet: quiet)
        if let hook {
            hook.lines.forEach { print($0) }
            training.adjust = hook.apply
        }
        if let drift {
            let network = DriftNetwork(shape: drift.objective.shape)
            try network.load(drift.genome)
            print("objective: \(objective!) (\(drift.objective.family.rawValue) over \(drift.objective.base.rawValue), evolved on \(drift.env))")
            var loss = LearnedObjectiveLoss(network: network, base: drift.objective.base.drift, lifetimeSteps: config.totalSteps)
            try training.train(loss: &loss)
        } else {
            try training.train()
        }
        try training.finish()
    }
}
