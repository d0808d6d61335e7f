import Checkpoint
import Config
import Foundation
@testable import Runs

/// A run kind small enough to reason about: its state is one integer walk
/// x ← x·a + g (mod 2³¹−1) per generation, evaluated through the backend
/// (each "member" scores a function of (x, member)), with a side file that
/// holds one line per generation — everything the driver owns, in 60 lines.
struct FakeRun: PopulationRun {
    static let kind = "fake"

    let configuration: FakeConfiguration
    let backend: any EvaluationBackend
    private(set) var generation = 0
    private(set) var x: Int
    private(set) var bestFitness: Double?
    private var sideFile: URL?

    init(configuration: FakeConfiguration, backend: any EvaluationBackend) throws {
        self.configuration = configuration
        self.backend = backend
        x = Int(configuration.seed % 1_000) + 1
    }

    init(configuration: FakeConfiguration, restoring checkpoint: Checkpoint, backend: any EvaluationBackend) throws {
        try self.init(configuration: configuration, backend: backend)
        var r = ByteReader(try checkpoint.section("fake"))
        generation = try r.int("generation")
        x = try r.int("x")
        let best = try r.double("best")
        bestFitness = best.isNaN ? nil : best
    }

    var metricsColumns: [String] { ["generation", "fitness_mean", "fitness_max", "wall_seconds", "x"] }

    mutating func runGeneration() throws -> FakeMetrics {
        let x = self.x
        let fitness = try backend.map(configuration.sections.members) { member, _ in Double((x * (member + 3)) % 97) }
        self.x = (x * 48_271 + generation) % 2_147_483_647
        let metrics = FakeMetrics(generation: generation, fitnessMean: fitness.reduce(0, +) / Double(fitness.count),
                                  fitnessMax: fitness.max()!, x: self.x)
        bestFitness = max(bestFitness ?? -.infinity, metrics.fitnessMax)
        generation += 1
        if let sideFile {
            let handle = try FileHandle(forWritingTo: sideFile)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\(generation) \(self.x)\n".utf8))
            try handle.close()
        }
        return metrics
    }

    func save(into checkpoint: inout Checkpoint) {
        var w = ByteWriter()
        w.int(generation)
        w.int(x)
        w.double(bestFitness ?? .nan)
        checkpoint["fake"] = w.bytes
    }

    var stateDigest: String { SHA256.hex(Array("\(generation) \(x)".utf8)) }

    func inspection() -> [(label: String, value: String)] { [("x", "\(x)")] }

    /// The side file holds one line per completed generation (rewritten from the state on attach).
    mutating func attach(to directory: RunDirectory) throws {
        let url = directory.root.appendingPathComponent("walk.txt")
        var text = ""
        // Rebuild the lines from the start: replay the walk to the current generation.
        var replay = Int(configuration.seed % 1_000) + 1
        for g in 0..<generation {
            replay = (replay * 48_271 + g) % 2_147_483_647
            text += "\(g + 1) \(replay)\n"
        }
        precondition(replay == x, "the replayed walk reaches the restored state")
        try AtomicFile.write(Array(text.utf8), to: url)
        sideFile = url
    }
}

struct FakeMetrics: MetricsRecord {
    var generation: Int
    var fitnessMean: Double
    var fitnessMax: Double
    var x: Int
    var wallSeconds = 0.0

    var values: [Double] { [Double(generation), fitnessMean, fitnessMax, wallSeconds, Double(x)] }
}

typealias FakeConfiguration = PopulationConfiguration<FakeSections>

struct FakeSections: RunSections {
    /// Members scored each generation.
    var members = 5

    init() {}

    static var algorithm: Algorithm { .es }
    static var defaultHeader: PopulationHeaderDefaults {
        PopulationHeaderDefaults(name: "fake", env: "anywhere", generations: 6, checkpointEvery: 2)
    }

    func validate(_ check: ConfigValidator, env: String) throws {
        try check.range("members", members, 1...100)
        try check.require("env", env == "anywhere", "anywhere (the fake run lives nowhere else)")
    }
}
