import ArgumentParser

/// `populus`: evolve how agents learn.
@main
struct Populus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "populus",
        abstract: "Population-based evolution for meta reinforcement learning: evolve losses (EPG), hyperparameters (PBT) and environment–agent pairs (POET).",
        version: "0.1.0",
        subcommands: [
            Bench.self,
            Compare.self,
            ConfigCommand.self,
            Env.self,
            Evolve.self,
            Inspect.self,
            Pbt.self,
            Poet.self,
            Report.self,
            Resume.self,
            Train.self,
        ]
    )
}
