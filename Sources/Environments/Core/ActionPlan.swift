import Foundation
import Random

/// The actions of a scripted rollout (`populus env rollout --actions`):
/// listed as text, or random. Text that does not fit the action space is an
/// `EnvironmentError.invalidInput` naming what is accepted.
public struct ActionPlan: Sendable {
    public enum Step: Sendable {
        case discrete(Int)
        case continuous([Float])

        public var json: String {
            switch self {
            case .discrete(let a): return "\(a)"
            case .continuous(let v): return "[" + v.map(jsonNumber).joined(separator: ",") + "]"
            }
        }
    }

    public let space: Space
    /// `nil`: random actions.
    public let listed: [Step]?

    /// Number of listed actions, `nil` when random.
    public var count: Int? { listed?.count }

    /// Parses `text` ("random" or a comma-separated list) against `space`.
    public init(_ text: String, space: Space, environment: String) throws {
        self.space = space
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "random" {
            listed = nil
            return
        }
        let tokens = trimmed.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !trimmed.isEmpty else {
            throw EnvironmentError.invalidInput("--actions is empty; \(Self.accepted(space, environment))")
        }
        listed = try tokens.enumerated().map { position, token in
            try Self.parse(token, position: position + 1, space: space, environment: environment)
        }
    }

    static func parse(_ token: String, position: Int, space: Space, environment: String) throws -> Step {
        switch space {
        case .discrete(let n):
            guard let a = Int(token) else {
                throw EnvironmentError.invalidInput("action '\(token)' (position \(position)) is not an integer; "
                                    + accepted(space, environment))
            }
            guard space.contains(discrete: a) else {
                throw EnvironmentError.invalidInput("action \(a) (position \(position)) is out of range; "
                                    + "\(environment) accepts integers 0 to \(n - 1)")
            }
            return .discrete(a)
        case .box(let low, _):
            let parts = token.split(separator: ":", omittingEmptySubsequences: false)
            let values = parts.map { Float($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == low.count, values.allSatisfy({ $0?.isFinite == true }) else {
                throw EnvironmentError.invalidInput("action '\(token)' (position \(position)) is not \(low.count) "
                                    + "number\(low.count == 1 ? "" : "s"); " + accepted(space, environment))
            }
            return .continuous(values.map { $0! })
        }
    }

    /// What `environment` accepts, as a sentence tail.
    static func accepted(_ space: Space, _ environment: String) -> String {
        switch space {
        case .discrete(let n):
            return "\(environment) takes discrete actions: integers 0 to \(n - 1), comma-separated (e.g. 0,1,\(n - 1)), or 'random'"
        case .box(let low, _):
            let example = low.count == 1 ? "0.5,-1" : Array(repeating: "0.5", count: low.count).joined(separator: ":")
            let per = low.count == 1 ? "one number per action" : "\(low.count) numbers per action joined by ':'"
            return "\(environment) takes continuous actions in \(space), \(per), comma-separated "
                + "(e.g. \(example); values outside the box are clipped), or 'random'"
        }
    }

    /// The action of step `t` (0-based).
    public func action(_ t: Int, stream: RandomStream) -> Step {
        if let listed { return listed[t] }
        switch space {
        case .discrete(let n):
            return .discrete(stream.integer(below: n))
        case .box(let low, let high):
            return .continuous(zip(low, high).map { lo, hi in
                let (a, b) = (lo.isFinite ? lo : -1, hi.isFinite ? hi : 1)
                return Float(stream.uniform(Double(a), Double(b)))
            })
        }
    }
}

/// Parses `--initial-state` against the environment's state components.
public func parseState(_ text: String, names: [String], environment: String) throws -> [Double] {
    guard !names.isEmpty else {
        throw EnvironmentError.stateNotSettable(environment: environment)
    }
    let tokens = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    let values = tokens.map { Double($0) }
    let expected = "\(environment) takes --initial-state as \(names.count) comma-separated numbers "
        + "(\(names.joined(separator: ", ")))"
    if let bad = zip(tokens, values).first(where: { $0.1 == nil || !$0.1!.isFinite }) {
        throw EnvironmentError.invalidInput("--initial-state: '\(bad.0)' is not a finite number; \(expected)")
    }
    guard values.count == names.count else {
        throw EnvironmentError.invalidInput("--initial-state has \(values.count) number\(values.count == 1 ? "" : "s"); \(expected)")
    }
    return values.map { $0! }
}

/// A JSON number: shortest round-trip decimal, `null` when not finite.
public func jsonNumber<F: BinaryFloatingPoint & LosslessStringConvertible>(_ v: F) -> String {
    v.isFinite ? "\(v)" : "null"
}
