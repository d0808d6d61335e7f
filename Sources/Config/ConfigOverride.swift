import Yams

/// One `--set path.to.key=value`: the value is read as YAML (`3e-4`, `true`,
/// `[64, 64]`, `{kind: linear}`), the path addresses mapping keys by name and
/// list items by index (`policy.hidden_sizes[1]` or `policy.hidden_sizes.1`).
///
/// It is applied to the node tree before decoding, so a key that does not exist
/// is created and then meets the same rules as the file's keys: unknown, wrong
/// type or out of range, its error names the `--set` it came from.
struct ConfigOverride {
    let argument: String
    let path: ConfigPath
    let value: Node

    /// How errors name it.
    var origin: String { "--set \(argument)" }

    init(parsing argument: String, file: String?) throws {
        self.argument = argument
        func refuse(_ why: String) -> ConfigError {
            ConfigError(.override, file: file, origin: "--set \(argument)", message: why)
        }
        guard let eq = argument.firstIndex(of: "=") else {
            throw refuse("expected path.to.key=value (no '=' found)")
        }
        let pathText = String(argument[..<eq])
        // Counted before parsing (which copies the path once per component).
        let separators = pathText.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: ".") || $1 == UInt8(ascii: "[") ? 1 : 0) }
        guard separators < ConfigDocument.maxPathComponents else {
            throw refuse("'\(pathText.prefix(80))…' has \(separators + 1) components; accepted: at most \(ConfigDocument.maxPathComponents)")
        }
        guard let path = Self.parsePath(pathText) else {
            throw refuse("'\(pathText)' is not a key path; accepted: names separated by dots, list items as name[0] or name.0")
        }
        self.path = path
        let valueText = String(argument[argument.index(after: eq)...])
        try ConfigDocument.refuseDeepNesting(valueText, file: file, origin: "--set \(argument)")
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: valueText)
        } catch {
            throw refuse("the value '\(valueText)' is not valid YAML (quote it: --set '\(pathText)=\"…\"')")
        }
        if let composed { try ConfigDocument.refuseExpansion(composed, file: file, origin: "--set \(argument)") }
        self.value = composed?.strippingMarks() ?? .null
    }

    /// `a.b[2].c` → key a, key b, index 2, key c. Nil for empty segments or bad brackets.
    static func parsePath(_ text: String) -> ConfigPath? {
        var path = ConfigPath()
        for segment in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(segment)
            let nameEnd = rest.firstIndex(of: "[") ?? rest.endIndex
            let name = rest[..<nameEnd]
            rest = rest[nameEnd...]
            if name.isEmpty, rest.isEmpty { return nil }
            if !name.isEmpty {
                if name.allSatisfy(\.isNumber), let i = Int(name) { path = path.appending(.index(i)) }
                else { path = path.appending(key: String(name)) }
            }
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]"),
                      let i = Int(rest[rest.index(after: rest.startIndex)..<close]), i >= 0 else { return nil }
                path = path.appending(.index(i))
                rest = rest[rest.index(after: close)...]
            }
        }
        return path.isRoot ? nil : path
    }

    /// The tree with this override applied; records in `origins` every path it set or created.
    func apply(to root: Node, file: String?, origins: inout [ConfigPath: String]) throws -> Node {
        try set(root, path.components[...], at: .root, file: file, origins: &origins)
    }

    private func set(_ node: Node?, _ rest: ArraySlice<ConfigPath.Component>, at here: ConfigPath,
                     file: String?, origins: inout [ConfigPath: String]) throws -> Node {
        guard let component = rest.first else {
            origins[here] = origin
            return value
        }
        let tail = rest.dropFirst()
        let absent = node == nil || node!.isNull
        if absent { origins[here] = origin }
        func refuse(_ why: String) -> ConfigError {
            ConfigError(.override, file: file, keyPath: path.description, origin: origin, message: why)
        }
        switch component {
        case .key(let key):
            var pairs: [(Node, Node)] = []
            var mark: Mark?
            if !absent {
                guard case .mapping(let m)? = node else {
                    throw refuse("\(here.spelled) is \(node!.described), not a mapping: it has no key '\(key)'")
                }
                pairs = m.map { ($0.key, $0.value) }
                mark = m.mark
            }
            let child = here.appending(key: key)
            if let i = pairs.firstIndex(where: { $0.0.keyName == key }) {
                pairs[i].1 = try set(pairs[i].1, tail, at: child, file: file, origins: &origins)
            } else {
                origins[child] = origin
                pairs.append((Node(key), try set(nil, tail, at: child, file: file, origins: &origins)))
            }
            return .mapping(Node.Mapping(pairs, .implicit, .any, mark))
        case .index(let i):
            var items: [Node] = []
            var mark: Mark?
            if !absent {
                guard case .sequence(let s)? = node else {
                    throw refuse("\(here.spelled) is \(node!.described), not a list: it has no item [\(i)]")
                }
                items = Array(s)
                mark = s.mark
            }
            let child = here.appending(.index(i))
            if i < items.count {
                items[i] = try set(items[i], tail, at: child, file: file, origins: &origins)
            } else if i == items.count {
                origins[child] = origin
                items.append(try set(nil, tail, at: child, file: file, origins: &origins))
            } else {
                throw refuse("\(here.spelled) has \(items.count) items; accepted indices: 0 to \(items.count) (\(items.count) appends)")
            }
            return .sequence(Node.Sequence(items, .implicit, .any, mark))
        }
    }
}
