/// Everything that can be wrong with a config, as one value: where (file, line,
/// key path, or the `--set` argument it came from) and what would be accepted.
///
/// Its `description` is the sentence a user sees, e.g.
///
///     Configs/ppo-cartpole.yaml:7: unknown key 'ppo.learning_rat' — did you mean 'learning_rate'? Valid keys here: clip, ...
///     Configs/ppo-cartpole.yaml:9: ppo.gamma: 1.5 is out of range; accepted: 0 ≤ gamma ≤ 1
///     --set ppo.gamma=2: ppo.gamma: 2 is out of range; accepted: 0 ≤ gamma ≤ 1
///
/// A config error never crashes the program: commands print it to stderr and
/// exit with ``ConfigError/exitCode`` (2).
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers and tests that branch on it.
    public enum Kind: String, Sendable, Equatable {
        /// The file could not be read.
        case io
        /// The YAML itself does not parse.
        case syntax
        /// The document holds nothing.
        case empty
        /// A key appears twice in one mapping.
        case duplicateKey
        /// A key the configuration type never asked for.
        case unknownKey
        /// A key the configuration type requires is absent.
        case missingKey
        /// A value of the wrong kind (a string where a number belongs, …).
        case typeMismatch
        /// A value of the right kind that is not one of the accepted ones (enums, names).
        case invalidValue
        /// A number outside its accepted range.
        case outOfRange
        /// A malformed `--set` argument.
        case override
        /// The resolved config could not be written.
        case write
    }

    /// The exit status of a command refused because of its config.
    public static let exitCode: Int32 = 2

    public var kind: Kind
    /// The config file as the user named it (nil for an in-memory document).
    public var file: String?
    /// 1-based line of the offending key or value, when it came from the file.
    public var line: Int?
    /// 1-based column (in Unicode scalars), when known.
    public var column: Int?
    /// Dotted key path, e.g. `ppo.hidden_sizes[1]`; empty for the whole document.
    public var keyPath: String
    /// The `--set path=value` argument the offending value came from, if any.
    public var origin: String?
    /// The explanation, naming the key path and what would be accepted.
    public var message: String

    public init(_ kind: Kind, file: String? = nil, line: Int? = nil, column: Int? = nil,
                keyPath: String = "", origin: String? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.origin = origin
        self.message = message
    }

    /// Where the problem is: `--set a.b=1`, `file:line`, or `file`.
    public var location: String {
        if let origin { return origin }
        let name = file ?? "<config>"
        if let line { return "\(name):\(line)" }
        return name
    }

    public var description: String { "\(location): \(message)" }
}
