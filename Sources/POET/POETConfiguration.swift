import Config
import Environments
import Foundation
import Policies
import Runs

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
public typealias POETConfiguration = PopulationConfiguration<POETSections>

/// The sections of a `poet` config after the header. `env` names a
/// parametric family (`walker-terrain`, `point-course`); `generations` counts
/// POET iterations (each: reproduction when due, one ES step per pair,
/// transfers when due).
public struct POETSections: RunSections {
    /// Every agent's evolution strategy (antithetic OpenAI-ES, centered ranks, Adam, L2 `weight_decay`).
    public var es = StrategySection()
    /// The agents' policy network.
    public var policy = PolicySection()
    /// The open-ended loop.
    public var poet = POETSection()

    public init() {}

    public static var algorithm: Algorithm { .poet }
    public static var defaultHeader: PopulationHeaderDefaults {
        PopulationHeaderDefaults(name: "poet", env: "point-course", generations: 100, checkpointEvery: 10)
    }

    public func validate(_ check: ConfigValidator, env: String) throws {
        let family: AnyParametricFamily
        do {
            family = try POETConfiguration.family(named: env)
        } catch {
            throw check.failure("env", "\(error)")
        }
        do {
            _ = try POETConfiguration.startEncoding(poet, in: family)
        } catch {
            throw check.failure("poet", "start_encoding is not a '\(family.name)' encoding: \(error)")
        }
        if policy.actions == .sample && !family.actionSpace.isDiscrete {
            throw check.failure("env", "'\(family.name)' has continuous actions; policy.actions: sample needs a discrete action space (use deterministic)")
        }
    }
}

extension PopulationConfiguration where Sections == POETSections {
    /// The parametric family called `name` (modules like Walker register
    /// theirs at start-up: `WalkerTerrainFamily.register()`).
    public static func family(named name: String) throws -> AnyParametricFamily {
        try EnvironmentRegistry.standard.resolveParametric(name)
    }

    /// `poet.start_encoding` read as an encoding of `family` and checked
    /// against its bounds; nil when unset.
    public func startEncoding(in family: AnyParametricFamily) throws -> AnyEncoding? {
        try Self.startEncoding(sections.poet, in: family)
    }

    static func startEncoding(_ poet: POETSection, in family: AnyParametricFamily) throws -> AnyEncoding? {
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

    public init(section: POETSection, family: AnyParametricFamily) {
        let low = section.mcLow ?? family.minimalCriterion.lowerBound
        let high = section.mcHigh ?? family.minimalCriterion.upperBound
        minimalCriterion = MinimalCriterion(low: low, high: max(low, high))
        reproduction = section.reproductionThreshold ?? (2.0 / 3.0 * high)
        solved = section.solvedThreshold ?? family.solvedThreshold
    }
}

extension PopulationConfiguration where Sections == POETSections {
    /// The configuration in a YAML file, with `--set`-style overrides
    /// (`"poet.capacity=4"`); throws `ConfigError` naming the file, line and key.
    public static func load(contentsOfFile path: String, overrides: [String] = []) throws -> POETConfiguration {
        try ConfigDocument(contentsOfFile: path, overrides: overrides).decode(POETConfiguration.self)
    }
}

extension PopulationConfiguration where Sections == POETSections {
    /// The configuration in YAML text (e.g. a checkpoint's `config` section).
    public static func load(yaml: String, file: String) throws -> POETConfiguration {
        try ConfigDocument(yaml: yaml, file: file).decode(POETConfiguration.self)
    }
}
