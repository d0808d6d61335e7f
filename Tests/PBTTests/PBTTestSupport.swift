import Checkpoint
import Config
import Foundation
import XCTest
@testable import PBT

/// A tiny PBT population on CartPole: 4 members, ready every 256 steps.
func tinyConfiguration(mode: PBTMode = .synchronous, exploit: ExploitKind = .truncation,
                       generations: Int = 4, population: Int = 4) throws -> PBTConfiguration {
    let yaml = """
    name: pbt-tiny
    seed: 3
    algorithm: pbt
    env: CartPole-v1
    generations: \(generations)
    checkpoint_every: 1
    pbt:
      population_size: \(population)
      interval: 256
      mode: \(mode.rawValue)
      exploit: \(exploit.rawValue)
      truncation_fraction: 0.5
      return_window: 5
      hyperparameters:
        learning_rate: {scale: log, min: 1e-4, max: 1e-1}
        ent_coef: {min: 0, max: 0.02}
        gamma: {scale: log-complement, min: 0.9, max: 0.999}
        update_epochs: {scale: integer, min: 1, max: 4}
        minibatch_size: {scale: choice, choices: [32, 64, 128]}
    ppo:
      num_envs: 2
      num_steps: 64
      hidden_sizes: [16]
    """
    return try ConfigDocument(yaml: yaml, file: "tiny.yaml").decode(PBTConfiguration.self)
}

/// The run through a checkpoint's bytes and back (as `populus resume` does).
func roundTrip(_ run: PBTRun, threads: Int) throws -> PBTRun {
    var c = Checkpoint(kind: PBTRun.kind, generation: run.generation)
    run.save(into: &c)
    let decoded = try Checkpoint(decoding: c.encoded(), file: "memory.ckpt")
    return try PBTRun(configuration: run.configuration, restoring: decoded, threads: threads)
}

/// Metrics rows without the wall-clock column (the driver fills it).
func deterministicColumns(_ rows: [[Double]], _ columns: [String]) -> [[UInt64]] {
    let wall = columns.firstIndex(of: "wall_seconds")!
    return rows.map { row in row.enumerated().filter { $0.offset != wall }.map { $0.element.bitPattern } }
}

func temporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pbt-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
