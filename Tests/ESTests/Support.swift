import Config
import Foundation
import ES
import Policies
import Runs
import Random

/// Shared helpers: configs, scratch directories, the package root.
enum Support {
    /// The package root, from this file's path (Tests/PolicySearchTests/Support.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A small, fast configuration: CartPole, population 16, a 4-8-2 policy, 200-step episodes.
    static func tiny(name: String = "tiny", generations: Int = 6, seed: UInt64 = 3) throws -> ESConfiguration {
        try ConfigDocument(yaml: """
            name: \(name)
            seed: \(seed)
            algorithm: es
            env: CartPole-v1
            generations: \(generations)
            checkpoint_every: 2
            keep_checkpoints: 2
            es: {population_size: 16, sigma: 0.1, learning_rate: 0.05}
            policy: {hidden_sizes: [8]}
            evaluation: {episodes: 2, max_steps: 200}
            """, file: "tiny.yaml").decode(ESConfiguration.self)
    }

    /// n draws of N(0, σ²) from `rng`.
    static func gaussian(_ n: Int, sigma: Float, from rng: RandomStream) -> [Float] {
        var v = [Float](repeating: 0, count: n)
        rng.fill(gaussian: &v, mean: 0, sigma: sigma)
        return v
    }

    /// A fresh scratch directory, removed by the caller.
    static func scratch(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("populus-\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Rows without the wall-clock column (everything else must match bit for bit).
    static func withoutWall(_ rows: [[Double]], columns: [String]) -> [[UInt64]] {
        let wall = columns.firstIndex(of: "wall_seconds")!
        return rows.map { row in row.enumerated().filter { $0.offset != wall }.map { $0.element.bitPattern } }
    }
}
