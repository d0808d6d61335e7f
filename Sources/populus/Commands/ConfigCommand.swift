import ArgumentParser

/// `populus config …`: configs on their own.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Work with YAML configs: check one and see it resolved with every default.",
        subcommands: [ConfigCheckCommand.self]
    )
}
