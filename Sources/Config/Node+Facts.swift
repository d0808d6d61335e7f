import Yams

/// What the decoder needs to know about a YAML node, under YAML 1.2's core
/// schema: a plain scalar is typed by its text, a quoted one is always a string.
extension Node {
    /// A plain `null`, `~` or empty value.
    var isNull: Bool {
        guard case .scalar(let s) = self, !s.isQuoted else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// The scalar's text, if this is a scalar.
    var text: String? {
        if case .scalar(let s) = self { return s.string }
        return nil
    }

    /// The key name of a mapping key (nil for non-scalar keys, which configs refuse).
    var keyName: String? { text }

    /// The node for a human: `the string 'fast'`, `1.5`, `true`, `null`, `a mapping`, `a list`.
    var described: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s):
            if isNull { return "null (no value)" }
            if s.isQuoted { return "the string '\(s.string)'" }
            if Double(s.string.replacingOccurrences(of: "_", with: "")) != nil
                || ["true", "false"].contains(s.string.lowercased()) {
                return s.string
            }
            return "the string '\(s.string)'"
        }
    }

    /// The same tree without source positions: override values and defaults
    /// must never be reported at a line of the file.
    func strippingMarks() -> Node {
        switch self {
        case .scalar(let s):
            return .scalar(Node.Scalar(s.string, s.tag, s.style, nil))
        case .sequence(let q):
            return .sequence(Node.Sequence(q.map { $0.strippingMarks() }, q.tag, q.style, nil))
        case .mapping(let m):
            return .mapping(Node.Mapping(m.map { ($0.key.strippingMarks(), $0.value.strippingMarks()) },
                                         m.tag, m.style, nil))
        }
    }

    /// The value under `name` in a mapping, with its key node.
    func entry(_ name: String) -> (key: Node, value: Node)? {
        guard case .mapping(let m) = self else { return nil }
        return m.first { $0.key.keyName == name }
    }

    static var null: Node { .scalar(Node.Scalar("null", .implicit, .plain, nil)) }
}

extension Node.Scalar {
    /// Quoted (or block) scalars are strings whatever their text.
    var isQuoted: Bool {
        switch style {
        case .singleQuoted, .doubleQuoted, .literal, .folded: return true
        case .any, .plain: return false
        }
    }
}
