/// Parametric families by name, so a POET config's `env:` finds the family
/// whose encodings it evolves. `point-course` is built in; modules that
/// Environments cannot import (Walker, on Box2D) add theirs with
/// `ParametricRegistry.register(_:)` at start-up.
///
///     let family = try ParametricRegistry.standard.resolve("point-course")
public struct ParametricRegistry: Sendable {
    /// Registered families, in listing order.
    public private(set) var families: [AnyParametricEnvironment]

    public init(_ families: [AnyParametricEnvironment] = []) {
        self.families = []
        for f in families { add(f) }
    }

    /// Adds a family, replacing one of the same name.
    public mutating func add(_ family: AnyParametricEnvironment) {
        if let i = families.firstIndex(where: { $0.name.lowercased() == family.name.lowercased() }) {
            families[i] = family
        } else {
            families.append(family)
        }
    }

    public var names: [String] { families.map(\.name) }

    /// The family called `name` (case-insensitive).
    public func resolve(_ name: String) throws -> AnyParametricEnvironment {
        if let f = families.first(where: { $0.name.lowercased() == name.lowercased() }) { return f }
        throw ParametricError.unknownFamily(name, known: names)
    }

    static let store = RegistryStore(ParametricRegistry([AnyParametricEnvironment(PointCourseFamily())]))

    /// The built-in families plus every family registered so far.
    public static var standard: ParametricRegistry { store.current }

    /// Registers `family` for the whole process — in this registry and, as a
    /// task distribution, in `EnvironmentRegistry.standard` — so configs, `env
    /// list` and `env rollout` find it. Registering a name again is a no-op.
    public static func register(_ family: AnyParametricEnvironment) {
        var isNew = false
        store.update { registry in
            if !registry.names.contains(where: { $0.lowercased() == family.name.lowercased() }) {
                registry.add(family)
                isNew = true
            }
        }
        if isNew { EnvironmentRegistry.registerStandard(family.taskDistribution) }
    }
}
