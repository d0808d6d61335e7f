import Config

/// A population run's whole config: the header every run kind shares —
/// declared, decoded and validated once, here — and the run kind's own
/// sections, all at the top level of the YAML:
///
/// ```yaml
/// name: es-cartpole          # populations/<name>/
/// seed: 0                    # every random stream derives from it
/// algorithm: es
/// env: CartPole-v1
/// generations: 100           # G
/// checkpoint_every: 10
/// keep_checkpoints: 3        # K
/// es: {population_size: 256} # …then the run kind's sections
/// ```
///
/// A run kind declares its sections as a `RunSections` struct (defaults in
/// its `init()`, one doc line per field naming the paper's symbol) and
/// calls its configuration `PopulationConfiguration<ItsSections>`; fields of
/// the sections read as fields of the configuration (`config.es.sigma`).
@dynamicMemberLookup
public struct PopulationConfiguration<Sections: RunSections>: PopulationRunConfiguration, Equatable {
    /// The run's directory, `populations/<name>/`.
    public var name: String
    /// The run seed every random stream derives from.
    public var seed: UInt64
    /// Which run kind the config drives (`Sections.algorithm`).
    public var algorithm: Algorithm
    /// The environment or task family (`populus env list`).
    public var env: String
    /// G: generations to run.
    public var generations: Int
    /// Write a checkpoint every this many generations (and at the end).
    public var checkpointEvery: Int
    /// K: checkpoints kept (the newest).
    public var keepCheckpoints: Int
    /// The run kind's own sections.
    public var sections: Sections

    /// Every key at the run kind's default.
    public init() {
        let header = Sections.defaultHeader
        name = header.name
        seed = 0
        algorithm = Sections.algorithm
        env = header.env
        generations = header.generations
        checkpointEvery = header.checkpointEvery
        keepCheckpoints = 3
        sections = Sections()
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<Sections, T>) -> T {
        get { sections[keyPath: path] }
        set { sections[keyPath: path] = newValue }
    }

    public subscript<T>(dynamicMember path: KeyPath<Sections, T>) -> T { sections[keyPath: path] }

    public func validate(_ check: ConfigValidator) throws {
        try check.require("algorithm", algorithm == Sections.algorithm,
                          "\(Sections.algorithm.rawValue) (this file is read as a \(Sections.algorithm.rawValue) run)")
        try check.range("generations", generations, 1...Sections.maxGenerations)
        try check.positive("checkpointEvery", checkpointEvery)
        try check.range("keepCheckpoints", keepCheckpoints, 1...1_000_000)
        try sections.validate(check, env: env)
    }
}

/// A run kind's own top-level sections of its config (everything but the
/// header `PopulationConfiguration` holds).
public protocol RunSections: Codable, Sendable, Equatable {
    /// Every section at its documented default (the run kind's own, e.g. ES's
    /// population 256 where EPG's is 16).
    init()
    /// The `algorithm:` that selects this run kind.
    static var algorithm: Algorithm { get }
    /// The header's defaults for this run kind.
    static var defaultHeader: PopulationHeaderDefaults { get }
    /// The largest budget accepted (1 billion unless a run kind needs less).
    static var maxGenerations: Int { get }
    /// Checks the sections against each other and against `env` (which the
    /// run kind resolves in its own registry), through `check` at the top level.
    func validate(_ check: ConfigValidator, env: String) throws
}

extension RunSections {
    public static var maxGenerations: Int { 1_000_000_000 }
}

/// The header values a run kind starts from.
public struct PopulationHeaderDefaults: Sendable {
    public var name: String
    public var env: String
    public var generations: Int
    public var checkpointEvery: Int

    public init(name: String, env: String, generations: Int, checkpointEvery: Int) {
        self.name = name
        self.env = env
        self.generations = generations
        self.checkpointEvery = checkpointEvery
    }
}

extension PopulationConfiguration: Codable {
    enum HeaderKeys: String, CodingKey {
        case name, seed, algorithm, env, generations, checkpointEvery, keepCheckpoints
    }

    /// The header's keys, then the sections' keys, from one mapping.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HeaderKeys.self)
        name = try c.decode(String.self, forKey: .name)
        seed = try c.decode(UInt64.self, forKey: .seed)
        algorithm = try c.decode(Algorithm.self, forKey: .algorithm)
        env = try c.decode(String.self, forKey: .env)
        generations = try c.decode(Int.self, forKey: .generations)
        checkpointEvery = try c.decode(Int.self, forKey: .checkpointEvery)
        keepCheckpoints = try c.decode(Int.self, forKey: .keepCheckpoints)
        sections = try Sections(from: decoder)
    }

    /// The header's keys first, then the sections' (one mapping).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: HeaderKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(seed, forKey: .seed)
        try c.encode(algorithm, forKey: .algorithm)
        try c.encode(env, forKey: .env)
        try c.encode(generations, forKey: .generations)
        try c.encode(checkpointEvery, forKey: .checkpointEvery)
        try c.encode(keepCheckpoints, forKey: .keepCheckpoints)
        try sections.encode(to: encoder)
    }
}
