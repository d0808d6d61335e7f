import Yams

/// State shared by every decoder of one `ConfigDocument.decode` call: where the
/// document came from (for error locations) and which keys each mapping was
/// asked for (to refuse the keys nobody asked for).
final class DecodingContext {
    let file: String?
    /// Paths set or created by `--set`, with the argument that did it.
    let origins: [ConfigPath: String]
    /// Whether keys nobody asked for are refused (false only for `RunHeader` peeks).
    let strict: Bool

    /// A mapping decoded as a struct, and the keys its type asked for.
    struct Visit {
        var mapping: Node.Mapping
        var requested: Set<String>
    }

    private(set) var visits: [ConfigPath: Visit] = [:]
    /// The enclosing section's default value of each field decoded so far.
    private var defaults: [ConfigPath: Node] = [:]
    /// Where the key of each decoded path sits in the file.
    private var keyMarks: [ConfigPath: Mark] = [:]

    init(file: String?, origins: [ConfigPath: String], strict: Bool) {
        self.file = file
        self.origins = origins
        self.strict = strict
    }

    // MARK: Tracking

    func register(_ mapping: Node.Mapping, at path: ConfigPath) {
        if visits[path] == nil { visits[path] = Visit(mapping: mapping, requested: []) }
    }

    func request(_ key: String, at path: ConfigPath) {
        visits[path]?.requested.insert(key)
    }

    func rememberDefault(_ node: Node, at path: ConfigPath) {
        if defaults[path] == nil { defaults[path] = node }
    }

    func inheritedDefaults(at path: ConfigPath) -> Node? { defaults[path] }

    func noteKey(_ key: Node, for path: ConfigPath) {
        if let mark = key.mark { keyMarks[path] = mark }
    }

    // MARK: Errors

    /// The `--set` argument responsible for `path`: the one that set it or created a mapping above it.
    func origin(of path: ConfigPath) -> String? {
        for prefix in path.prefixes { if let o = origins[prefix] { return o } }
        return nil
    }

    /// An error at `path`, located at its key's line, else at `node`'s line, or at the `--set` that put it there.
    func error(_ kind: ConfigError.Kind, at path: ConfigPath, node: Node? = nil, mark: Mark? = nil,
               _ message: String) -> ConfigError {
        let origin = origin(of: path)
        let where_ = origin == nil ? (mark ?? keyMarks[path] ?? node?.mark) : nil
        return ConfigError(kind, file: file, line: where_?.line, column: where_?.column,
                           keyPath: path.description, origin: origin, message: message)
    }

    /// `ppo.gamma: expected a number, found the string 'high'`.
    func typeMismatch(at path: ConfigPath, _ node: Node, expected: String) -> ConfigError {
        error(.typeMismatch, at: path, node: node, "\(path.spelled): expected \(expected), found \(node.described)")
    }

    // MARK: Unknown keys

    /// Refuses every key of a struct mapping that its type never asked for, the
    /// first in file order with a suggestion, and names the others.
    func checkUnknownKeys() throws {
        var unknown: [(path: ConfigPath, key: Node)] = []
        for (path, visit) in visits {
            for (key, _) in visit.mapping where !visit.requested.contains(key.keyName ?? "") {
                unknown.append((path, key))
            }
        }
        guard !unknown.isEmpty else { return }
        unknown.sort { a, b in
            let la = a.key.mark?.line ?? Int.max, lb = b.key.mark?.line ?? Int.max
            return la != lb ? la < lb : a.path.appending(key: a.key.keyName ?? "").description
                < b.path.appending(key: b.key.keyName ?? "").description
        }
        let first = unknown[0]
        let name = first.key.keyName ?? "?"
        let full = first.path.appending(key: name)
        let valid = visits[first.path]?.requested ?? []
        var message = "unknown key '\(full)'"
        if let hint = suggestion(for: name, at: first.path, valid: valid) {
            message += " — did you mean '\(hint)'?"
        } else {
            message += "."
        }
        message += valid.isEmpty ? " This mapping takes no keys."
            : " Valid keys here: \(valid.sorted().joined(separator: ", "))."
        if unknown.count > 1 {
            let others = unknown.dropFirst().map { u -> String in
                let p = u.path.appending(key: u.key.keyName ?? "?")
                if let o = origin(of: p) { return "'\(p)' (\(o))" }
                return u.key.mark.map { "'\(p)' (line \($0.line))" } ?? "'\(p)'"
            }
            message += " Also unknown: \(others.joined(separator: ", "))."
        }
        throw error(.unknownKey, at: full, mark: first.key.mark, message)
    }

    /// A valid key at this level close to `name`, else the same key where it does
    /// belong (`gamma` written at the top level when it lives under `ppo`).
    private func suggestion(for name: String, at path: ConfigPath, valid: Set<String>) -> String? {
        if let close = nearest(to: name, in: valid.sorted()) { return close }
        let elsewhere = visits.filter { $0.key != path && $0.value.requested.contains(name) }
            .map { $0.key.appending(key: name).description }.sorted()
        return elsewhere.first
    }
}
