import Foundation
import Yams

/// A parsed config file with its `--set` overrides applied, ready to decode
/// into any `Decodable` type. Every error is a ``ConfigError`` naming the file,
/// line and key path (or the `--set` argument).
///
/// ```swift
/// let document = try ConfigDocument(contentsOfFile: "Configs/ppo-cartpole.yaml",
///                                   overrides: ["ppo.learning_rate=3e-4", "seed=7"])
/// let header = try document.header()                    // name, seed, algorithm, env, budgets
/// switch header.algorithm {
/// case .ppo: let config = try document.decode(PPO.Configuration.self) ...
/// }
/// ```
public struct ConfigDocument {
    /// The file as the user named it, nil for an in-memory document.
    public let file: String?
    let root: Node
    /// Paths set or created by `--set`, with the argument responsible.
    let origins: [ConfigPath: String]

    /// Reads and parses `path`, then applies `overrides` (`path.to.key=value`, in order).
    public init(contentsOfFile path: String, overrides: [String] = []) throws(ConfigError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError(.io, file: path, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ConfigError(.io, file: path, message: "is a directory, not a YAML config file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(.io, file: path, message: "cannot be read (permissions?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(.io, file: path, message: "is not UTF-8 text")
        }
        try self.init(yaml: text, file: path, overrides: overrides)
    }

    /// Parses `yaml` (reported as `file` in errors), then applies `overrides`.
    public init(yaml: String, file: String? = nil, overrides: [String] = []) throws(ConfigError) {
        self.file = file
        var root: Node
        try Self.refuseDeepNesting(yaml, file: file)
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw ConfigError(.empty, file: file, message: Self.emptyMessage)
            }
            root = node
        } catch let error as ConfigError {
            throw error
        } catch {
            throw Self.syntaxError(error, file: file)
        }
        if root.isNull { throw ConfigError(.empty, file: file, message: Self.emptyMessage) }
        guard case .mapping = root else {
            throw ConfigError(.typeMismatch, file: file, line: root.mark?.line, column: root.mark?.column,
                              message: "the document must be a mapping of keys (name: …, algorithm: …), found \(root.described)")
        }
        try Self.refuseExpansion(root, file: file)
        try Self.refuseDuplicateKeys(in: root, at: .root, file: file)
        var origins: [ConfigPath: String] = [:]
        for argument in overrides {
            do {
                let override = try ConfigOverride(parsing: argument, file: file)
                root = try override.apply(to: root, file: file, origins: &origins)
            } catch let error as ConfigError {
                throw error
            } catch {
                throw ConfigError(.override, file: file, origin: "--set \(argument)", message: "\(error)")
            }
        }
        if !overrides.isEmpty { try Self.refuseExpansion(root, file: file, origin: overrides.map { "--set \($0)" }.joined(separator: " ")) }
        self.root = root
        self.origins = origins
    }

    /// Decodes the whole document as `T`, refusing keys `T` never asks for.
    /// For a ``RunConfiguration``, the common keys are checked first (``RunHeader``).
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws(ConfigError) -> T {
        try decode(type, strict: true)
    }

    /// Decodes `T` from the document ignoring every key `T` does not know: how a
    /// command reads the ``RunHeader`` before it knows which type the rest is.
    public func peek<T: Decodable>(_ type: T.Type = T.self) throws(ConfigError) -> T {
        try decode(type, strict: false)
    }

    /// The common top-level keys: `name`, `seed`, `algorithm`, `env`, `total_steps`, `generations`.
    public func header() throws(ConfigError) -> RunHeader {
        try peek(RunHeader.self)
    }

    /// Decodes `T` and writes it back with every default filled in.
    public func resolvedYAML<T: Codable>(_ type: T.Type) throws(ConfigError) -> String {
        try ConfigWriter.yaml(decode(type))
    }

    /// The document itself after the overrides (not decoded: no defaults added).
    public var yaml: String {
        (try? Yams.serialize(node: root, indent: 2, width: -1, allowUnicode: true)) ?? ""
    }

    private func decode<T: Decodable>(_ type: T.Type, strict: Bool) throws(ConfigError) -> T {
        let context = DecodingContext(file: file, origins: origins, strict: strict)
        do {
            if strict, T.self is any RunConfiguration.Type { _ = try header() }
            let value = try context.decode(T.self, from: root, at: .root)
            if strict { try context.checkUnknownKeys() }
            return value
        } catch let error as ConfigError {
            throw error
        } catch let error as DecodingError {
            throw convert(error, context)
        } catch {
            throw ConfigError(.invalidValue, file: file, message: "\(error)")
        }
    }

    private static let emptyMessage =
        "the config is empty; it must be a mapping with at least name, algorithm and env (see Configs/README.md)"
}

extension ConfigDocument {
    /// The document after the overrides with the ``RunHeader`` keys first and
    /// their defaults filled in; the rest as written. What `populus config check`
    /// prints for an algorithm whose `Configuration` type it does not know.
    public func yamlResolvingHeader() throws(ConfigError) -> String {
        let header = try header()
        do {
            guard case .mapping(let h) = try NodeEncoder().node(for: header),
                  case .mapping(let m) = root else { return yaml }
            var pairs = h.map { ($0.key, $0.value) }
            for (key, value) in m where !pairs.contains(where: { $0.0.keyName == key.keyName }) {
                pairs.append((key, value))
            }
            return try Yams.serialize(node: .mapping(Node.Mapping(pairs)), indent: 2, width: -1, allowUnicode: true)
        } catch {
            throw ConfigError(.write, file: file, message: "cannot write the document back as YAML: \(error)")
        }
    }
}
