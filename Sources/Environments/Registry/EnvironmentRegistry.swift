/// Families by name, so a config's `env:` field or `populus env rollout NAME`
/// finds its task distribution, and POET's `env:` its parametric family.
/// Lookup ignores case and accepts aliases (Gymnasium's ids); an unknown
/// name is an error that lists the known names and suggests the nearest one.
///
///     let family = try EnvironmentRegistry.standard.resolve("cartpole-random")
///     let courses = try EnvironmentRegistry.standard.resolveParametric("point-course")
public struct EnvironmentRegistry: Sendable {
    /// Registered families, in listing order.
    public private(set) var families: [AnyTaskDistribution]
    /// The parametric families among them (POET's environment niches), in listing order.
    public private(set) var parametricFamilies: [AnyParametricFamily] = []

    public init(_ families: [AnyTaskDistribution] = [], parametric: [AnyParametricFamily] = []) {
        self.families = []
        for f in families { register(f) }
        for p in parametric { register(p) }
    }

    /// Adds a parametric family, and its task distribution when that name is free.
    public mutating func register(_ family: AnyParametricFamily) {
        precondition(lookupParametric(family.name) == nil, "parametric family '\(family.name)' is registered twice")
        parametricFamilies.append(family)
        if lookup(family.name) == nil { register(family.taskDistribution) }
    }

    /// The parametric family called `name` (case-insensitive).
    public func resolveParametric(_ name: String) throws -> AnyParametricFamily {
        if let f = lookupParametric(name) { return f }
        throw ParametricError.unknownFamily(name, known: parametricFamilies.map(\.name))
    }

    func lookupParametric(_ name: String) -> AnyParametricFamily? {
        parametricFamilies.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Adds a family; its name and aliases must not be taken (programming error).
    public mutating func register(_ family: AnyTaskDistribution) {
        for key in [family.name] + family.aliases {
            precondition(lookup(key) == nil, "environment name '\(key)' is registered twice")
        }
        families.append(family)
    }

    /// Canonical names, in listing order.
    public var names: [String] { families.map(\.name) }

    /// The family called `name` (case-insensitive, aliases accepted).
    public func resolve(_ name: String) throws -> AnyTaskDistribution {
        if let f = lookup(name) { return f }
        throw EnvironmentError.unknownName(name, known: names, nearest: nearest(to: name))
    }

    func lookup(_ name: String) -> AnyTaskDistribution? {
        let key = name.lowercased()
        return families.first { f in f.name.lowercased() == key || f.aliases.contains { $0.lowercased() == key } }
    }

    /// The registered name (or alias) closest in edit distance, if it is close
    /// enough to be a plausible misspelling.
    public func nearest(to name: String) -> String? {
        let key = name.lowercased()
        let candidates = families.flatMap { [$0.name] + $0.aliases }
        guard let best = candidates.min(by: { editDistance($0.lowercased(), key) < editDistance($1.lowercased(), key) })
        else { return nil }
        let d = editDistance(best.lowercased(), key)
        return d <= max(3, key.count / 2) ? best : nil
    }

    /// Every family the seed papers need, plus those other modules add at
    /// start-up with `registerStandard` (Walker's Box2D `walker-terrain`,
    /// which Environments cannot import).
    public static var standard: EnvironmentRegistry { store.current }

    /// Adds `family` to `standard` for the whole process; a name already
    /// registered is left as it is (registering twice is harmless).
    public static func registerStandard(_ family: AnyTaskDistribution) {
        store.update { registry in
            if registry.lookup(family.name) == nil { registry.register(family) }
        }
    }

    /// Adds a parametric family (and its task distribution) to `standard`
    /// for the whole process; registering a name twice is harmless.
    public static func registerStandard(_ family: AnyParametricFamily) {
        store.update { registry in
            if registry.lookupParametric(family.name) == nil { registry.register(family) }
        }
    }

    static let store = RegistryStore(EnvironmentRegistry([
        AnyTaskDistribution(CartPoleFamily.gymnasium, aliases: ["CartPole-v1"]),
        AnyTaskDistribution(FixedFamily.acrobot, aliases: ["Acrobot-v1"]),
        AnyTaskDistribution(MountainCarFamily.gymnasium, aliases: ["MountainCar-v0"]),
        AnyTaskDistribution(FixedFamily.mountainCarContinuous, aliases: ["MountainCarContinuous-v0"]),
        AnyTaskDistribution(PendulumFamily.gymnasium, aliases: ["Pendulum-v1"]),
        AnyTaskDistribution(CartPoleFamily.randomized),
        AnyTaskDistribution(PendulumFamily.randomized),
        AnyTaskDistribution(MountainCarFamily.randomized),
        AnyTaskDistribution(BanditFamily.easy),
        AnyTaskDistribution(BanditFamily.medium),
        AnyTaskDistribution(BanditFamily.hard),
        AnyTaskDistribution(BanditFamily.uniform(arms: 5)),
        AnyTaskDistribution(BanditFamily.uniform(arms: 10), aliases: ["bandit-10"]),
        AnyTaskDistribution(BanditFamily.uniform(arms: 50)),
        AnyTaskDistribution(PointGoalFamily()),
        AnyTaskDistribution(PointDirectionFamily()),
        AnyTaskDistribution(MazeFamily()),
    ], parametric: [AnyParametricFamily(PointCourseFamily())]))
}

/// Levenshtein distance (insertions, deletions, substitutions), O(|a|·|b|).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
