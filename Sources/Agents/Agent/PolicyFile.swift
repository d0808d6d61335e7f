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
        let c = try CheckpointStore.load(url, kind: kind)
        func fail(_ why: String) -> AgentError { .state("\(url.path): \(why)") }
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
        let policy = ActorCritic(observationSize: env.observationSpace.dimension, actionSpace: env.actionSpace,
                                 hyperparameters: spec.hyperparameters, rng: RandomStream(seed: 0, path: ["load"]))
        let expected = policy.parameters.entries.map(Block.init)
        guard layout == expected else {
            throw fail("the saved layout \(layout.map(\.description)) does not match the network \(expected.map(\.description))")
        }
        var r = ByteReader(try c.section("parameters"))
        let theta = try r.floats("parameters")
        try policy.parameters.setFlatValues(theta)
        var stats: RunningMeanStd? = nil
        if let bytes = c["observation_statistics"] {
            var s = ByteReader(bytes)
            let mean = try s.doubles("mean"), variance = try s.doubles("variance"), count = try s.double("count")
            guard mean.count == policy.observationSize, variance.count == mean.count else {
                throw fail("observation statistics of \(mean.count) components for \(policy.observationSize) observations")
            }
            stats = RunningMeanStd(mean: mean, variance: variance, count: count)
        }
        return PolicyFile(policy: policy, spec: spec, observationStatistics: stats, steps: c.generation)
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
