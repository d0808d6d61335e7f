import Foundation
import PopulusKit

/// `populus-fuzz seed DIR`: writes the seed corpus, `DIR/<target>/seed-*`,
/// with the program's own writers — tiny runs of every kind through the
/// real driver (checkpoints, metrics.csv, lineage.jsonl, config.yaml), a
/// trained policy file, `.phi` files, a PBT schedule — plus the shipped
/// configs (from `Configs/`, when run from the package root) and a few
/// damaged copies. Deterministic apart from the checkpoints' wall-clock
/// seconds. Takes about a minute.
enum SeedCorpus {
    static func write(to root: URL) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("populus-fuzz-seed-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var out = Writer(root: root)

        // config: the fixtures, the shipped configs, overrides.
        let fixtures = [("es", FuzzFixtures.es), ("epg", FuzzFixtures.epg), ("lpo", FuzzFixtures.lpo("lpo")),
                        ("ta-lpo", FuzzFixtures.lpo("ta-lpo")), ("pbt-sync", FuzzFixtures.pbt("synchronous")),
                        ("pbt-async", FuzzFixtures.pbt("asynchronous")), ("poet", FuzzFixtures.poet)]
        for (name, yaml) in fixtures { try out.text("config", "fixture-\(name).yaml", yaml) }
        let configs = URL(fileURLWithPath: "Configs")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: configs.path))?.sorted() ?? []
        where name.hasSuffix(".yaml") {
            try out.text("config", "shipped-\(name)", try String(contentsOf: configs.appendingPathComponent(name), encoding: .utf8))
        }
        try out.text("config", "overrides.yaml", FuzzFixtures.es + "\n#--set\nes.population_size=6\npolicy.hidden_sizes[1]=3\nseed=9\n")
        try out.text("config", "anchors.yaml", """
            name: fuzz-anchors
            seed: &s 3
            algorithm: es
            env: CartPole-v1
            generations: *s
            es: {population_size: 8, sigma: 0.1, learning_rate: 0.05}
            policy: {hidden_sizes: &h [4, 4]}
            evaluation: {episodes: 1, max_steps: 50}

            """)

        // checkpoint, section, lineage, schedule, pbt-files, objective: tiny runs.
        let es = try run(ESRun.self, FuzzFixtures.es, under: scratch)
        let epg = try run(EPGRun.self, FuzzFixtures.epg, under: scratch)
        let lpo = try run(LPORun.self, FuzzFixtures.lpo("lpo"), under: scratch)
        let taLPO = try run(LPORun.self, FuzzFixtures.lpo("ta-lpo"), under: scratch)
        let pbt = try run(PBTRun.self, FuzzFixtures.pbt("synchronous"), under: scratch)
        let pbtAsync = try run(PBTRun.self, FuzzFixtures.pbt("asynchronous"), under: scratch)
        let poet = try run(POETRun.self, FuzzFixtures.poet, under: scratch)
        var newest: [String: Checkpoint] = [:]
        for directory in [es, epg, lpo, taLPO, pbt, pbtAsync, poet] {
            let store = try directory.checkpoints()
            for entry in store.list() {
                let bytes = Array(try Data(contentsOf: entry.url))
                try out.bytes("checkpoint", "\(directory.name)-\(entry.url.lastPathComponent)", bytes)
                newest[directory.name] = try Checkpoint(decoding: bytes, file: entry.url.path)
            }
        }
        if let c = newest["fuzz-es"] {
            let bytes = c.encoded()
            try out.bytes("checkpoint", "damaged-truncated.ckpt", Array(bytes.prefix(bytes.count / 2)))
            var flipped = bytes
            flipped[bytes.count / 3] ^= 0x10
            try out.bytes("checkpoint", "damaged-bit-flip.ckpt", flipped)
            try out.bytes("checkpoint", "damaged-empty.ckpt", [])
            try out.bytes("section", "strategy", [0] + (c[Checkpoint.strategy] ?? []))
            try out.bytes("section", "metrics", [1] + (c[Checkpoint.metrics] ?? []))
            try out.bytes("section", "driver", [6] + (c[RunDriver<ESRun>.driverSection] ?? []))
        }
        if let c = newest["fuzz-pbt-synchronous"], let agents = c[PBTRun.agentsSection] {
            var r = ByteReader(agents)
            _ = try r.int("count")
            let agent = try r.bytes("agent 0")
            try out.bytes("section", "agent", [2] + agent)
            try out.bytes("section", "optimizer", [3] + (try AgentState(bytes: agent)).learning.optimizer.bytes)
        }
        try out.bytes("section", "stream", [4] + RandomStream(seed: 7, path: ["fuzz"]).stateBytes)
        var streams = Checkpoint(kind: "es", generation: 0)
        streams.setStreams(["a": RandomStream(seed: 1, path: ["a"]), "b": RandomStream(seed: 2, path: ["b"])])
        try out.bytes("section", "streams", [5] + (streams[Checkpoint.streams] ?? []))

        for directory in [pbt, pbtAsync] {
            let lineage = try String(contentsOf: directory.root.appendingPathComponent(LineageLog.fileName), encoding: .utf8)
            try out.text("lineage", "\(directory.name).jsonl", lineage)
            let files = try PBTRunFiles(directory: directory.root)
            try out.text("schedule", "\(directory.name)-member-0.json", try files.schedule(member: 0).json)
            let config = try String(contentsOf: directory.configURL, encoding: .utf8)
            let metrics = try String(contentsOf: directory.metricsURL, encoding: .utf8)
            try out.text("pbt-files", "\(directory.name).txt",
                         config + "\n#--metrics.csv\n" + metrics + "#--lineage.jsonl\n" + lineage)
        }

        for (directory, name) in [(lpo, "lpo"), (taLPO, "ta-lpo")] {
            let saved = try SavedRun<LPORun>.load(directory.root.path)
            let c = saved.configuration
            let file = ObjectiveFile(objective: c.objective, env: c.env, seed: c.seed, generations: saved.run.generation,
                                     commit: "fuzz", result: "seed corpus", genome: saved.run.strategy.mean)
            try out.text("objective", "\(name).phi", file.text)
        }

        // policy: a discrete and a continuous (with observation statistics) agent.
        for (env, normalise) in [("CartPole-v1", false), ("Pendulum-v1", true)] {
            let family = try EnvironmentRegistry.standard.resolve(env)
            var h = PPOHyperparameters()
            h.numEnvs = 2
            h.numSteps = 16
            h.hiddenSizes = [4]
            h.normObs = normalise
            let agent = try Agent(AgentSpec(task: try family.task(seed: 1, split: .train, index: 0), hyperparameters: h,
                                            lifetimeSteps: 64, seed: 1))
            agent.train(until: 32)
            try out.bytes("policy", "\(env).ckpt", PolicyFile.checkpoint(of: agent).encoded())
        }
        print("wrote \(out.count) seed inputs under \(root.path)")
    }

    /// A fresh run of `yaml` under `parent`, driven to its budget by the real driver.
    static func run<Run: PopulationRun>(_ type: Run.Type, _ yaml: String, under parent: URL) throws -> RunDirectory {
        let configuration: Run.Configuration = FuzzFixtures.configuration(yaml)
        let text = try ConfigWriter.yaml(configuration)
        let run = try Run(configuration: configuration, backend: LocalBackend(threads: 2))
        let directory = try RunDirectory.create(name: configuration.name, under: parent, config: text, overwrite: true)
        let driver = try RunDriver(starting: run, configText: text, directory: directory)
        try driver.run()
        return directory
    }

    /// Writes files under `root/<target>/seed-<name>`.
    struct Writer {
        let root: URL
        var count = 0

        mutating func bytes(_ target: String, _ name: String, _ bytes: [UInt8]) throws {
            let folder = root.appendingPathComponent(target)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: folder.appendingPathComponent("seed-\(name)"))
            count += 1
        }

        mutating func text(_ target: String, _ name: String, _ text: String) throws {
            try bytes(target, name, Array(text.utf8))
        }
    }
}
