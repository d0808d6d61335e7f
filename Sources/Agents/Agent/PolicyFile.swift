import Autodiff
import Checkpoint
import Environments
import Foundation
import Random

/// A trained policy on disk: a `Checkpoint` envelope of kind `"policy"`
/// (versioned, CRC-32C-checksummed, written atomically) with sections
/// `spec` (JSON: task, hyperparameters, …), `layout` (JSON: the parameter
/// blocks' names and shapes), `parameters` (θ's exact float bits) and, with
/// `norm_obs`, `observation_statistics`. `generation` holds the agent's steps.
///
///     try PolicyFile.write(agent, to: run.root.appendingPathComponent("policy.ckpt"))
///     let loaded = try PolicyFile.load(url)          // network rebuilt, θ loaded, layout checked
///     let action = loaded.greedyAction(observation)
public struct PolicyFile {
    /// The policy with θ loaded.
    public let policy: ActorCritic
    public let spec: AgentSpec
    public let observationStatistics: RunningMeanStd?
    /// Environment steps the agent had taken.
    public let steps: Int

    public static let kind = "policy"

    /// The checkpoint `agent`'s policy is saved as.
    public static func checkpoint(of agent: Agent) -> Checkpoint {
        var c = Checkpoint(kind: kind, generation: agent.steps)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Plain Codable values always encode.
        c["spec"] = Array(try! encoder.encode(agent.state.spec))
        c["layout"] = Array(try! encoder.encode(agent.policy.parameters.entries.map(Block.init)))
        var w = ByteWriter()
        w.floats(agent.policy.parameters.flatValues())
        c["parameters"] = w.bytes
        if let stats = agent.observationStatistics {
            var s = ByteWriter()
            s.doubles(stats.mean)
            s.doubles(stats.variance)
            s.double(stats.count)
            c["observation_statistics"] = s.bytes
        }
        return c
    }

    /// Writes `agent`'s policy to `url` atomically; returns the CRC-32C the
    /// file ends with (the checksum of every byte before it).
    @discardableResult
    public static func write(_ agent: Agent, to url: URL) throws -> UInt32 {
        let bytes = checkpoint(of: agent).encoded()
        try AtomicFile.write(bytes, to: url)
        return CRC32C.checksum(bytes.dropLast(4))
    }

    /// Reads a policy file: checks the envelope, rebuilds the network from
    /// the spec and loads θ after checking the layout block by block.
    public static func load(_ url: URL) throws -> PolicyFile {
        try PolicyFile(decoding: try CheckpointStore.load(url, kind: kind), file: url.path)
    }

    /// A policy from a decoded policy checkpoint (`file` names it in errors).
    /// The parameter count the spec implies is checked against the
    /// `parameters` section before the network is built, so a spec asking
    /// for a network larger than the file holds is refused without allocating it.
    public init(decoding c: Checkpoint, file: String) throws {
        func fail(_ why: String) -> AgentError { .state("\(file): \(why)") }
        guard c.kind == Self.kind else {
            throw CheckpointError(file: file, problem: .wrongKind(expected: Self.kind, found: c.kind))
        }
        let spec: AgentSpec
        let layout: [Block]
        do {
            spec = try JSONDecoder().decode(AgentSpec.self, from: Data(try c.section("spec")))
            layout = try JSONDecoder().decode([Block].self, from: Data(try c.section("layout")))
        } catch let e as CheckpointError {
            throw e
        } catch {
            throw fail("spec or layout: \(error)")
        }
        let family = try EnvironmentRegistry.standard.resolve(spec.task.family)
        let env = try family.makeEnvironment(spec.task)
        var r = ByteReader(try c.section("parameters"))
        let theta: [Float]
        do { theta = try r.floats("parameters") } catch { throw fail("parameters section: \(error)") }
        let count = ActorCritic.parameterCount(observationSize: env.observationSpace.dimension,
                                               actionSpace: env.actionSpace, hyperparameters: spec.hyperparameters)
        guard count == theta.count else {
            throw fail("the spec describes a network of \(count.map(String.init) ?? "too many") parameters; the parameters section holds \(theta.count)")
        }
        let policy = ActorCritic(observationSize: env.observationSpace.dimension, actionSpace: env.actionSpace,
                                 hyperparameters: spec.hyperparameters, rng: RandomStream(seed: 0, path: ["load"]))
        let expected = policy.parameters.entries.map(Block.init)
        guard layout == expected else {
            throw fail("the saved layout \(layout.map(\.description)) does not match the network \(expected.map(\.description))")
        }
        try policy.parameters.setFlatValues(theta)
        var stats: RunningMeanStd? = nil
        if let bytes = c["observation_statistics"] {
            var s = ByteReader(bytes)
            let mean: [Double], variance: [Double], n: Double
            do {
                (mean, variance, n) = (try s.doubles("mean"), try s.doubles("variance"), try s.double("count"))
            } catch {
                throw fail("observation_statistics section: \(error)")
            }
            guard mean.count == policy.observationSize, variance.count == mean.count else {
                throw fail("observation statistics of \(mean.count) components for \(policy.observationSize) observations")
            }
            stats = RunningMeanStd(mean: mean, variance: variance, count: n)
        }
        self.init(policy: policy, spec: spec, observationStatistics: stats, steps: c.generation)
    }

    init(policy: ActorCritic, spec: AgentSpec, observationStatistics: RunningMeanStd?, steps: Int) {
        self.policy = policy
        self.spec = spec
        self.observationStatistics = observationStatistics
        self.steps = steps
    }

    /// The most probable action (discrete) or the Gaussian mean clipped to
    /// the box (continuous) for one raw observation.
    public func greedyAction(_ observation: [Float]) -> [Float] {
        precondition(observation.count == policy.observationSize, "greedyAction: observation of \(observation.count) values")
        var x = observation
        x.withUnsafeMutableBufferPointer { p in
            observationStatistics?.normalize(p.baseAddress!, rows: 1, clip: spec.hyperparameters.clipObs)
        }
        let tape = Tape()
        let out = policy(tape.constant(x, rows: 1, cols: x.count), on: tape, value: false)
        switch out.distribution {
        case .categorical(let c): return [Float(c.mode()[0])]
        case .gaussian(let g):
            var mu = g.mean.values
            if case .box(let low, let high) = policy.actionSpace {
                for j in mu.indices { mu[j] = min(max(mu[j], low[j]), high[j]) }
            }
            return mu
        }
    }

    /// One parameter block's name and shape.
    struct Block: Codable, Equatable, CustomStringConvertible {
        var name: String
        var rows: Int
        var cols: Int
        init(_ e: ParameterSet.Entry) { name = e.name; rows = e.rows; cols = e.cols }
        var description: String { "\(name)[\(rows)×\(cols)]" }
    }
}
