import Agents
import ArgumentParser
import Checkpoint
import Config
import Foundation

extension Populus {
    /// `populus train CONFIG.yaml [--set key=value …]`: one agent, one task.
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
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

        func run() throws {
            let document = try options.document()
            let header = try exitOnConfigError { try document.header() }
            guard header.algorithm == .ppo else {
                FileHandle.standardError.write(Data(
                    "error: \(options.config): algorithm: 'train' runs single agents (algorithm: ppo); this config is '\(header.algorithm.rawValue)' — run it with `populus evolve`\n".utf8))
                throw ExitCode(ConfigError.exitCode)
            }
            let config = try exitOnConfigError { try document.decode(PPOConfiguration.self) }
            let yaml = try exitOnConfigError {
                try ConfigWriter.yaml(config, comment: "populus train: the resolved config of run '\(config.name)' (every default filled in)")
            }
            let spec = try AgentSpec(config)
            let agent = try Agent(spec)
            let run: RunDirectory
            do {
                run = try RunDirectory.create(name: config.name, under: URL(fileURLWithPath: populations),
                                              config: yaml, overwrite: overwrite)
            } catch let error as RunDirectoryError {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode.failure
            }
            let session = try TrainingSession(agent: agent, config: config, run: run, quiet: quiet)
            if let schedule {
                try reportingFailures { session.schedule = try PBTScheduleHook(path: schedule, base: config.ppo) }
                session.schedule?.lines.forEach { print($0) }
            }
            try session.train()
            try session.finish()
        }
    }
}
