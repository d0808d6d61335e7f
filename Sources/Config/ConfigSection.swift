import Yams

/// A configuration struct — a whole config or one of its sections — whose
/// `init()` holds the documented defaults. Keys missing from the YAML take those
/// defaults, Swift's camelCase names are snake_case keys (`gaeLambda` is
/// `gae_lambda`), and `validate` refuses out-of-range values with their line.
/// Synthesized `Codable` is all a type needs:
///
/// ```swift
/// public struct PPOHyperparameters: ConfigSection, Sendable, Equatable {
///     /// γ, the discount factor of the return.
///     public var gamma = 0.99
///     /// λ, GAE's bias–variance trade-off (`gae_lambda` in YAML).
///     public var gaeLambda = 0.95
///     /// ε, the clip range of the probability ratio.
///     public var clip = 0.2
///     /// Widths of the policy MLP's hidden layers.
///     public var hiddenSizes = [64, 64]
///     /// Stop the epoch early above this KL (none by default).
///     public var targetKL: Double? = nil
///
///     public init() {}
///
///     public func validate(_ check: ConfigValidator) throws {
///         try check.range("gamma", gamma, 0...1)      // ppo.gamma: 1.5 is out of range; accepted: 0 ≤ gamma ≤ 1
///         try check.positive("clip", clip)
///         try check.positive("hiddenSizes", each: hiddenSizes)
///         if let targetKL { try check.positive("targetKL", targetKL) }
///     }
/// }
/// ```
///
/// Precedence: a value in the file (or `--set`) wins over the enclosing
/// section's default for that field, which wins over the section type's own
/// `init()`. Nested structs complete from defaults only if they are
/// `ConfigSection`s too. Lists, `[String: X]` dictionaries and enums are
/// replaced whole, never merged entry by entry. A blank section (`ppo:`) means
/// all its defaults; an explicit `null` makes an optional field nil.
public protocol ConfigSection: Codable, ConfigValidating {
    /// Every field at its documented default.
    init()
}

/// A type that checks its decoded values; the decoder calls `validate` right
/// after decoding it, with a ``ConfigValidator`` that knows its key path and lines.
public protocol ConfigValidating {
    /// Throws (through `check`) the first value that is not accepted.
    func validate(_ check: ConfigValidator) throws
}

extension ConfigValidating {
    public func validate(_ check: ConfigValidator) throws {}
}

/// Filling in a section's defaults before its synthesized `init(from:)` runs.
enum ConfigDefaults {
    static func node(of section: any ConfigSection.Type) throws -> Node {
        try NodeEncoder().node(for: section.init())
    }

    /// The user's mapping with every key it lacks taken from `defaults` (one
    /// level: nested sections are completed when they are decoded, by type, so
    /// lists, dictionaries and enums with payloads are never mixed with defaults).
    static func merge(defaults: Node, into user: Node) -> Node {
        if user.isNull { return defaults }
        guard case .mapping(let d) = defaults, case .mapping(let u) = user else { return user }
        var pairs = u.map { ($0.key, $0.value) }
        for (key, value) in d where !pairs.contains(where: { $0.0.keyName == key.keyName }) {
            pairs.append((key, value))
        }
        return .mapping(Node.Mapping(pairs, u.tag, u.style, u.mark))
    }
}
