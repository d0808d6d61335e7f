/// The keys every config has at its top level. A command peeks at them first
/// (``ConfigDocument/header()``) to pick the type to decode the whole document
/// into, without this module knowing those types:
///
/// ```yaml
/// name: ppo-cartpole        # the run directory: populations/ppo-cartpole/
/// seed: 1                   # every random stream derives from it
/// algorithm: ppo            # ppo, es, epg, pbt or poet
/// env: CartPole-v1          # environment or task family
/// total_steps: 50_000       # budget for single agents (environment steps)
/// # generations: 200        # budget for populations
/// ```
public struct RunHeader: Codable, Sendable, Equatable, ConfigValidating {
    /// The run's directory under `populations/`: letters, digits, `.`, `_`, `-`.
    public var name: String
    /// The run seed every random stream derives from (default 0).
    public var seed: UInt64
    /// The algorithm the config drives.
    public var algorithm: Algorithm
    /// The environment or task family.
    public var env: String
    /// Budget in environment steps, for single agents.
    public var totalSteps: Int?
    /// Budget in generations (or iterations), for populations.
    public var generations: Int?

    public init(name: String, seed: UInt64 = 0, algorithm: Algorithm, env: String,
                totalSteps: Int? = nil, generations: Int? = nil) {
        self.name = name
        self.seed = seed
        self.algorithm = algorithm
        self.env = env
        self.totalSteps = totalSteps
        self.generations = generations
    }

    enum CodingKeys: String, CodingKey {
        case name, seed, algorithm, env, totalSteps, generations
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        seed = try c.value(.seed, default: 0)
        algorithm = try c.decode(Algorithm.self, forKey: .algorithm)
        env = try c.decode(String.self, forKey: .env)
        totalSteps = try c.decodeIfPresent(Int.self, forKey: .totalSteps)
        generations = try c.decodeIfPresent(Int.self, forKey: .generations)
    }

    public func validate(_ check: ConfigValidator) throws {
        try check.require("name", Self.isValidName(name),
                          "letters, digits, '.', '_' and '-', not starting with '.' (it names populations/<name>/)")
        try check.nonEmpty("env", env)
        if let totalSteps { try check.positive("totalSteps", totalSteps) }
        if let generations { try check.positive("generations", generations) }
    }

    /// A name that is one safe directory component.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first != ".", first != "-" else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }
}

/// An algorithm's whole configuration: the common keys plus its own sections.
/// Conforming types declare `name`, `seed`, `algorithm` and `env` as stored
/// properties (synthesized `Codable` flattens nothing); decoding one through
/// ``ConfigDocument/decode(_:)`` also enforces the ``RunHeader`` rules (those
/// keys must be in the file; `name` must be a safe directory name).
public protocol RunConfiguration: ConfigSection, Sendable {
    var name: String { get }
    var seed: UInt64 { get }
    var algorithm: Algorithm { get }
    var env: String { get }
}
