import Checkpoint
import Config
import Environments
import Foundation
import PolicySearch
import Walker

/// A whole `algorithm: poet` config: the Paired Open-Ended Trailblazer
/// (Wang et al. 2019) on a parametric environment family. Each active pair
/// is an environment (an encoding θ_E and its course seed) and an agent
/// (an MLP policy θ_A optimised by ES in that environment); fitness — the
/// episode return — is MAXIMISED.
///
/// ```yaml
/// name: poet-walker
/// seed: 24582922
/// algorithm: poet
/// env: walker-terrain
/// generations: 2000              # POET iterations
/// es: {population_size: 128, sigma: 0.1, learning_rate: 0.01, weight_decay: 0.01}
/// policy: {hidden_sizes: [40, 40], activation: tanh}
/// poet: {capacity: 20, reproduction_interval: 200, transfer_interval: 25}
/// ```
public struct POETConfiguration: RunConfiguration, PopulationRunConfiguration, Equatable {
    /// The run's directory, `populations/<name>/`.
    public var name = "poet"
    /// The run seed: initial agent, terrains, mutations, noise and episodes all derive from it.
    public var seed: UInt64 = 0
    /// Must be `poet`.
    public var algorithm = Config.Algorithm.poet
    /// The parametric family whose environments are evolved (`walker-terrain`, `point-course`).
    public var env = "point-course"
    /// Iterations to run (each: reproduction when due, one ES step per pair, transfers when due).
    public var generations = 100
    /// Write a checkpoint every this many iterations (and at the end).
    public var checkpointEvery = 10
    /// K: checkpoints kept (the newest).
    public var keepCheckpoints = 3
    /// Every agent's evolution strategy (antithetic OpenAI-ES, centered ranks, Adam, L2 `weight_decay`).
    public var es = StrategySection()
    /// The agents' policy network.
    public var policy = PolicySection()
    /// The open-ended loop.
    public var poet = POETSection()

    public init() {}

    public func validate(_ check: ConfigValidator) throws {
        try check.require("algorithm", algorithm == .poet, "poet (this is a POET config)")
        try check.positive("generations", generations)
        try check.positive("checkpointEvery", checkpointEvery)
        try check.range("keepCheckpoints", keepCheckpoints, 1...1_000_000)
        let family: AnyParametricEnvironment
        do {
            family = try POETConfiguration.family(named: env)
        } catch {
            throw check.failure("env", "\(error)")
        }
        do {
            _ = try startEncoding(in: family)
        } catch {
            throw check.failure("poet", "start_encoding is not a '\(family.name)' encoding: \(error)")
        }
        if policy.actions == .sample && !family.actionSpace.isDiscrete {
            throw check.failure("env", "'\(family.name)' has continuous actions; policy.actions: sample needs a discrete action space (use deterministic)")
        }
    }

    /// The parametric family called `name`, with the walker registered first
    /// (POET links Walker, so `walker-terrain` never depends on start-up order).
    public static func family(named name: String) throws -> AnyParametricEnvironment {
        WalkerTerrainFamily.register()
        return try ParametricRegistry.standard.resolve(name)
    }
}

extension POETConfiguration {
    /// `poet.start_encoding` read as an encoding of `family` and checked
    /// against its bounds; nil when unset.
    public func startEncoding(in family: AnyParametricEnvironment) throws -> AnyEncoding? {
        guard let tree = poet.startEncoding else { return nil }
        // Fields left out keep the flat environment's values (point-course needs every field).
        let base = try JSONDecoder().decode(EncodingValue.self, from: Data(try family.initialEncoding.valueJSON.utf8))
        guard case .object(var fields) = base, case .object(let given) = tree else {
            throw POETError("expected a mapping of encoding fields, e.g. {pit_gap: [0.4, 1.2]}")
        }
        // Families ignore fields they do not know; a misspelt one would silently mean "absent".
        if let unknown = given.keys.sorted().first(where: { fields[$0] == nil }) {
            throw POETError("unknown field '\(unknown)'; \(family.name) encodings have: \(fields.keys.sorted().joined(separator: ", "))")
        }
        fields.merge(given) { _, new in new }
        let json = EncodingValue.object(fields).json
        let encoding = try AnyEncoding(json: "{\"family\":\(EventValue.quote(family.name)),\"encoding\":\(json)}")
        try family.validate(encoding)
        return encoding
    }
}

/// The loop's thresholds with the family's defaults filled in.
public struct POETThresholds: Sendable, Equatable {
    /// The minimal criterion [mc_low, mc_high].
    public var minimalCriterion: MinimalCriterion
    public var reproduction: Double
    public var solved: Double

    public init(section: POETSection, family: AnyParametricEnvironment) {
        let low = section.mcLow ?? family.minimalCriterion.lowerBound
        let high = section.mcHigh ?? family.minimalCriterion.upperBound
        minimalCriterion = MinimalCriterion(low: low, high: max(low, high))
        reproduction = section.reproductionThreshold ?? (2.0 / 3.0 * high)
        solved = section.solvedThreshold ?? family.solvedThreshold
    }
}

extension POETConfiguration {
    /// The configuration in a YAML file, with `--set`-style overrides
    /// (`"poet.capacity=4"`); throws `ConfigError` naming the file, line and key.
    public static func load(contentsOfFile path: String, overrides: [String] = []) throws -> POETConfiguration {
        try ConfigDocument(contentsOfFile: path, overrides: overrides).decode(POETConfiguration.self)
    }
}

extension POETConfiguration {
    /// The configuration in YAML text (e.g. a checkpoint's `config` section).
    public static func load(yaml: String, file: String) throws -> POETConfiguration {
        try ConfigDocument(yaml: yaml, file: file).decode(POETConfiguration.self)
    }
}
