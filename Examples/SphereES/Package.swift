// swift-tools-version:6.0
import PackageDescription

// A package of its own that depends on Populus by path, as any project would
// (by URL: `.package(url: "https://…/populus", from: "0.2.0")`).
let package = Package(
    name: "SphereES",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Populus", path: "../..")],
    targets: [
        .executableTarget(name: "SphereES", dependencies: [.product(name: "Evolution", package: "Populus")]),
    ]
)
