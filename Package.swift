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
        // The command-line tool.
        .executableTarget(
            name: "populus",
            dependencies: [
                "CGSL", "Random", "Autodiff", "Environments", "Evolution", "Checkpoint", "Config",
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
        .testTarget(name: "CLITests", dependencies: []),
    ]
)
