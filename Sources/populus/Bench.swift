import ArgumentParser

extension Populus {
    /// `populus bench …`: speed and memory figures, side by side with peers.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure speed and memory against the peer each component is compared with.",
            subcommands: [
                BenchEngine.self,
                BenchEnvs.self,
                EPGBench.self,
                BenchES.self,
                BenchPPO.self,
            ]
        )
    }
}
