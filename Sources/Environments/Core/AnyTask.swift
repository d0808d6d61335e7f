import Foundation

/// A task of any family: the family's name and its typed task. Encodes as
/// `{"family": "cartpole-random", "task": {…}}`; decoding looks the family up
/// in the registry found under `CodingUserInfoKey.environmentRegistry`
/// (`EnvironmentRegistry.standard` when absent) and decodes its task type.
public struct AnyTask: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The canonical name of the family the task belongs to.
    public let family: String
    /// The typed task (cast with `as? CartPoleTask` etc.).
    public let value: any TaskValue

    public init(family: String, value: any TaskValue) {
        self.family = family
        self.value = value
    }

    public static func == (a: AnyTask, b: AnyTask) -> Bool {
        a.family == b.family && a.value.isEqual(to: b.value)
    }

    public var description: String { "\(family): \(value)" }

    enum CodingKeys: String, CodingKey { case family, task }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(family, forKey: .family)
        try value.encode(to: c.superEncoder(forKey: .task))
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .family)
        let registry = decoder.userInfo[.environmentRegistry] as? EnvironmentRegistry ?? .standard
        let family: AnyTaskDistribution
        do {
            family = try registry.resolve(name)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .family, in: c, debugDescription: "\(error)")
        }
        self.family = family.name
        self.value = try family.decodeTask(from: c.superDecoder(forKey: .task))
    }
}

extension CodingUserInfoKey {
    /// Put an `EnvironmentRegistry` here to decode `AnyTask`s of families that
    /// are not in `EnvironmentRegistry.standard`.
    public static let environmentRegistry = CodingUserInfoKey(rawValue: "populus.environmentRegistry")!
}
