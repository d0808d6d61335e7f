import ArgumentParser

/// `populus env …`: the environments and task families, listed and run.
struct EnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "List the environments and task families, or roll one out step by step as JSON.",
        subcommands: [EnvListCommand.self, EnvRolloutCommand.self]
    )
}
