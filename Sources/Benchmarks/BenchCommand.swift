import PopulusKit
import ArgumentParser

/// `populus bench …`: speed and memory figures, side by side with peers.
public struct BenchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed and memory against the peer each component is compared with.",
        subcommands: [
            BenchEngine.self,
            BenchEnvs.self,
            BenchEPG.self,
            BenchLPO.self,
            BenchES.self,
            BenchPPO.self,
        ]
    )

    public init() {}
}
