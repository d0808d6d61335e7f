// swift-tools-version:6.0
import PackageDescription

/// Release builds of the gradient engine drop overflow and bounds checks: its
/// kernels check shapes once per op, never per element. Everything else is `-O`.
let numeric: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "Populus",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "populus", targets: ["populus"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // GSL (rng, randist) and OpenBLAS's CBLAS.
        .systemLibrary(name: "CGSL", path: "Sources/CGSL"),
        // Seeded, derived, serialisable GSL random streams.
        .target(name: "Random", dependencies: ["CGSL"]),
        // Reverse-mode automatic differentiation over Float tensors.
        .target(name: "Autodiff", dependencies: ["CGSL", "Random"],
                // Without errno semantics `squareRoot()` compiles to vector sqrt;
                // `native` lets the elementwise kernels use the build machine's
                // full vector width (AVX2/AVX-512: a 20–35% faster MLP step).
                // Swift never fuses a*b+c, so results do not depend on it.
                swiftSettings: numeric + [.unsafeFlags(["-Xcc", "-fno-math-errno", "-target-cpu", "native"])]),
        // Environments and task distributions.
        .target(name: "Environments", dependencies: ["Random"]),
        // Evolution strategies over flat genomes: knows no agents, no environments.
        .target(name: "Evolution", dependencies: ["Random"]),
        // Versioned, checksummed, atomically written run state.
        .target(name: "Checkpoint", dependencies: ["Random"]),
        // YAML configs: typed decoding, key-path errors, overrides.
        .target(name: "Config", dependencies: [.product(name: "Yams", package: "Yams")]),
        // ES policy search on any registered environment: the `es` run kind.
        // `native`: the policy's forward pass (256 × 500 a generation) uses the
        // machine's full SIMD width and FMA unit. Its multiply–adds are explicit
        // fused ones (`addProduct`: one rounding, emulated where there is no FMA)
        // and Swift never fuses the rest, so bits are the same on every machine.
        .target(name: "PolicySearch", dependencies: ["Evolution", "Checkpoint", "Config", "Environments", "Autodiff", "Random"],
                swiftSettings: [.unsafeFlags(["-target-cpu", "native"])]),
        // Policies, rollouts, GAE, PPO, vanilla PG and the agent lifetime API.
        .target(name: "Agents", dependencies: ["Autodiff", "Environments", "Random", "Config", "Checkpoint"],
                swiftSettings: numeric),
        // Gymnasium's BipedalWalker on Box2D 2.4 (libbox2d-dev): a thin C++ shim with a C header.
        .target(name: "CBox2D", linkerSettings: [.linkedLibrary("box2d")]),
        // POET's parametric bipedal-walker courses (`walker-terrain`).
        .target(name: "Walker", dependencies: ["CBox2D", "Environments", "Random"]),
        // Statistics, CSV/JSON, SVG plots and self-contained HTML pages for reports.
        .target(name: "Report"),
        // Evolved Policy Gradients: the loss network L_φ, the inner loop, the outer ES loop, compare.
        .target(name: "EPG", dependencies: ["Agents", "Autodiff", "Evolution", "Checkpoint", "Config", "Environments", "Random", "Report"]),
        // Population Based Training: PPO members exploit and explore hyperparameters and weights.
        .target(name: "PBT", dependencies: ["Agents", "Autodiff", "Checkpoint", "Config", "Environments", "Evolution", "Random", "Report"],
                swiftSettings: numeric),
        // POET: environment–agent pairs, mutation under a minimal criterion, novelty, ES agents, transfers.
        .target(name: "POET", dependencies: ["Evolution", "Checkpoint", "Config", "Environments", "PolicySearch", "Walker", "Random", "Report"]),
        // The command-line tool.
        .executableTarget(
            name: "populus",
            dependencies: [
                "CGSL", "Random", "Autodiff", "Environments", "Evolution", "Checkpoint", "Config", "PolicySearch", "Agents", "Walker", "EPG", "Report", "PBT", "POET",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
        ),
        .testTarget(name: "RandomTests", dependencies: ["Random"]),
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "Random"]),
        .testTarget(name: "EnvironmentsTests", dependencies: ["Environments", "Random"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EvolutionTests", dependencies: ["Evolution", "Random"]),
        .testTarget(name: "CheckpointTests", dependencies: ["Checkpoint", "Random"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config"]),
        .testTarget(name: "PolicySearchTests", dependencies: ["PolicySearch", "Evolution", "Checkpoint", "Config", "Environments", "Random"]),
        .testTarget(name: "AgentsTests", dependencies: ["Agents", "Autodiff", "Environments", "Random", "Config"]),
        .testTarget(name: "WalkerTests", dependencies: ["Walker", "Environments", "Random"]),
        .testTarget(name: "EPGTests", dependencies: ["EPG", "Agents", "Autodiff", "Environments", "Evolution", "Random"]),
        .testTarget(name: "ReportTests", dependencies: ["Report"]),
        .testTarget(name: "PBTTests", dependencies: ["PBT", "Agents", "Environments", "Random", "Checkpoint", "Config", "Autodiff"]),
        .testTarget(name: "POETTests", dependencies: ["POET", "Evolution", "Environments", "Random", "Checkpoint"]),
        .testTarget(name: "CLITests", dependencies: []),
    ]
)
