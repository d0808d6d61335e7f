// swift-tools-version:6.0
import PackageDescription

// No target carries compiler flags of its own, so the package can be a
// dependency of any other package. Speed flags (the CPU baseline, C math
// without errno) are the Makefile's: see `make build` and docs/benchmarks.md.

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "Populus",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "populus", targets: ["populus"]),
        // Everything below, behind one `import PopulusKit`.
        .library(name: "PopulusKit", targets: ["PopulusKit"]),
        // Ask/tell evolution strategies on flat genomes, alone.
        .library(name: "Evolution", targets: ["Evolution"]),
        // The gradient engine, alone.
        .library(name: "Autodiff", targets: ["Autodiff"]),
        // Environments and task families, alone.
        .library(name: "Environments", targets: ["Environments"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // System libraries: GSL (rng, randist) with OpenBLAS's CBLAS; Box2D 2.4 behind a thin C++ shim.
        .systemLibrary(name: "CGSL", path: "Sources/CGSL"),
        .target(name: "CBox2D", linkerSettings: [.linkedLibrary("box2d")]),

        // Seeded, derived, serialisable GSL random streams.
        .target(name: "Random", dependencies: ["CGSL"]),
        // The one parallel-for and the slots its workers write.
        .target(name: "Parallel"),
        // Reverse-mode automatic differentiation over Float tensors.
        .target(name: "Autodiff", dependencies: ["CGSL", "Random", "Parallel"]),
        // Environments, task families and parametric (POET) families.
        .target(name: "Environments", dependencies: ["Random", "Config"]),
        // Gymnasium's BipedalWalker on Box2D and POET's `walker-terrain` family.
        .target(name: "Walker", dependencies: ["CBox2D", "Environments", "Random"]),
        // Evolution strategies over flat genomes: knows no agents, no environments.
        .target(name: "Evolution", dependencies: ["Random", "Parallel"]),
        // The checkpoint file format: sections, CRC, atomic writes, the store, byte coding, SHA-256.
        .target(name: "Checkpoint", dependencies: ["Random"]),
        // YAML configs: typed decoding, key-path errors, overrides.
        .target(name: "Config", dependencies: [.product(name: "Yams", package: "Yams")]),
        // The run lifecycle every run kind shares: directory, driver loop, metrics,
        // start/resume/inspect, saved runs, progress, signals, the evaluation backend.
        .target(name: "Runs", dependencies: ["Checkpoint", "Evolution", "Config", "Random", "Parallel"]),
        // Statistics, CSV/JSON, SVG plots and self-contained HTML pages (generic only).
        .target(name: "Report"),
        // Policy networks read straight from a flat genome, and the episodes they play.
        .target(name: "Policies", dependencies: ["Autodiff", "Environments", "Config", "Random"]),
        // Gradient-trained agents: PPO, vanilla PG, rollouts, GAE, lifetimes.
        .target(name: "Agents", dependencies: ["Autodiff", "Environments", "Random", "Config", "Checkpoint", "Parallel", "Runs"]),
        // The `es` run kind: ES policy search on any registered environment.
        .target(name: "ES", dependencies: ["Runs", "Policies", "Evolution", "Checkpoint", "Config", "Environments",
                                           "Random", "Parallel", "Report"]),
        // Evolved Policy Gradients: the loss network L_φ, lifetimes, the outer ES loop, compare.
        .target(name: "EPG", dependencies: ["Runs", "Agents", "Autodiff", "Evolution", "Checkpoint", "Config",
                                            "Environments", "Random", "Report", "Parallel"]),
        // Population Based Training: PPO members exploit and explore hyperparameters and weights.
        .target(name: "PBT", dependencies: ["Runs", "Agents", "Autodiff", "Checkpoint", "Config", "Environments",
                                            "Evolution", "Random", "Report", "Parallel"]),
        // POET: environment–agent pairs, mutation under a minimal criterion, novelty, ES agents, transfers.
        .target(name: "POET", dependencies: ["Runs", "Policies", "Evolution", "Checkpoint", "Config", "Environments",
                                             "Random", "Report", "Parallel"]),
        // One import for library users.
        .target(name: "PopulusKit", dependencies: ["Random", "Parallel", "Autodiff", "Environments", "Walker",
                                                   "Evolution", "Checkpoint", "Config", "Runs", "Report", "Policies",
                                                   "Agents", "ES", "EPG", "PBT", "POET"]),
        // `populus bench …`: speed and memory side by side with the Python peers.
        .target(name: "Benchmarks", dependencies: ["PopulusKit", "CGSL", argumentParser]),
        // The command-line tool: one file per command.
        .executableTarget(name: "populus", dependencies: ["PopulusKit", "Benchmarks", argumentParser]),
        // The parsers' fuzz targets: replays Fuzz/corpus in `make test`, fuzzes under libFuzzer in `make fuzz`.
        .executableTarget(name: "populus-fuzz", dependencies: ["PopulusKit"], path: "Sources/Fuzz"),

        .testTarget(name: "RandomTests", dependencies: ["Random"]),
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "Random", "Parallel"]),
        .testTarget(name: "EnvironmentsTests", dependencies: ["Environments", "Random"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EvolutionTests", dependencies: ["Evolution", "Random", "Parallel"]),
        .testTarget(name: "CheckpointTests", dependencies: ["Checkpoint", "Random"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config"]),
        .testTarget(name: "RunsTests", dependencies: ["Runs", "Checkpoint", "Config", "Evolution", "Random"]),
        .testTarget(name: "ESTests", dependencies: ["ES", "Policies", "Runs", "Evolution", "Checkpoint", "Config",
                                                    "Environments", "Random"]),
        .testTarget(name: "AgentsTests", dependencies: ["Agents", "Autodiff", "Environments", "Random", "Config"]),
        .testTarget(name: "WalkerTests", dependencies: ["Walker", "Environments", "Random"]),
        .testTarget(name: "EPGTests", dependencies: ["EPG", "Runs", "Agents", "Autodiff", "Environments", "Evolution",
                                                     "Random", "Checkpoint"]),
        .testTarget(name: "ReportTests", dependencies: ["Report"]),
        .testTarget(name: "PBTTests", dependencies: ["PBT", "Runs", "Agents", "Environments", "Random", "Checkpoint",
                                                     "Config", "Autodiff"]),
        .testTarget(name: "POETTests", dependencies: ["POET", "Runs", "Policies", "Walker", "Evolution", "Environments",
                                                      "Random", "Checkpoint"]),
        .testTarget(name: "CLITests", dependencies: []),
    ]
)
