import Yams

extension DecodingContext {
    /// Decodes `T` from `node` at `path`: scalars by the YAML 1.2 core rules,
    /// `[String: X]` entry by entry, ``ConfigSection`` types over their defaults,
    /// `String` enums against their accepted values; then runs ``ConfigValidating/validate(_:)``.
    func decode<T: Decodable>(_ type: T.Type, from node: Node, at path: ConfigPath) throws -> T {
        if let scalar = T.self as? any ConfigScalar.Type {
            return try scalar.decode(from: node, at: path, in: self) as! T
        }
        if let dictionary = T.self as? any StringKeyedDictionary.Type {
            return try dictionary.decodeEntries(from: node, at: path, in: self) as! T
        }
        var node = node
        if let section = T.self as? any ConfigSection.Type {
            node = try withDefaults(of: section, node, at: path)
        }
        if let accepted = acceptedRawValues(of: T.self) {
            try check(node, isOneOf: accepted, at: path)
        }
        let value = try T(from: NodeDecoder(node: node, path: path, context: self))
        if let validating = value as? any ConfigValidating {
            try validating.validate(ConfigValidator(path: path, node: node, context: self))
        }
        return value
    }

    /// The section's mapping with every key it lacks taken from its defaults: the
    /// enclosing section's default for this field if there is one, else the type's
    /// `init()`. Each default field is remembered for the field's own decoding, so a
    /// nested section the file only partly sets is completed from the enclosing default.
    private func withDefaults(of section: any ConfigSection.Type, _ node: Node, at path: ConfigPath) throws -> Node {
        // An optional field defaulting to nil inherits `null`: the type's init() completes it instead.
        var defaults = try ConfigDefaults.node(of: section)
        if let inherited = inheritedDefaults(at: path), case .mapping = inherited { defaults = inherited }
        if case .mapping(let d) = defaults {
            for (key, value) in d { if let name = key.keyName { rememberDefault(value, at: path.appending(key: name)) } }
        }
        return ConfigDefaults.merge(defaults: defaults, into: node)
    }

    /// `algorithm: 'pp' is not one of the accepted values: ppo, es, epg, pbt, poet — did you mean 'ppo'?`
    private func check(_ node: Node, isOneOf accepted: [String], at path: ConfigPath) throws {
        guard case .scalar(let s) = node, !node.isNull else {
            throw typeMismatch(at: path, node, expected: "one of: \(accepted.joined(separator: ", "))")
        }
        guard !accepted.contains(s.string) else { return }
        var message = "\(path.spelled): '\(s.string)' is not one of the accepted values: "
            + accepted.joined(separator: ", ")
        if let close = nearest(to: s.string, in: accepted) { message += " — did you mean '\(close)'?" }
        throw error(.invalidValue, at: path, node: node, message)
    }
}

/// The raw values of a `String`-backed `CaseIterable` enum, so errors can list them.
func acceptedRawValues<T>(of type: T.Type) -> [String]? {
    guard let cases = type as? any CaseIterable.Type else { return nil }
    return rawStrings(cases)
}

private func rawStrings<C: CaseIterable>(_ type: C.Type) -> [String]? {
    var out: [String] = []
    for value in C.allCases {
        guard let raw = (value as? any RawRepresentable)?.rawValue as? String else { return nil }
        out.append(raw)
    }
    return out
}

/// `[String: X]` is decoded and encoded entry by entry with its keys untouched
/// (no snake_case conversion: they are data, not field names).
protocol StringKeyedDictionary {
    static func decodeEntries(from node: Node, at path: ConfigPath, in context: DecodingContext) throws -> Self
    func encodeEntries(into box: NodeBox, encoder: NodeEncoder) throws
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Codable {
    static func decodeEntries(from node: Node, at path: ConfigPath, in context: DecodingContext) throws -> Self {
        if node.isNull { return [:] }
        guard case .mapping(let mapping) = node else {
            throw context.typeMismatch(at: path, node, expected: "a mapping of names to values")
        }
        var out: [String: Value] = [:]
        for (key, value) in mapping {
            guard let name = key.keyName else {
                throw context.typeMismatch(at: path, key, expected: "a plain name as key")
            }
            let child = path.appending(key: name)
            context.noteKey(key, for: child)
            out[name] = try context.decode(Value.self, from: value, at: child)
        }
        return out
    }

    func encodeEntries(into box: NodeBox, encoder: NodeEncoder) throws {
        box.becomeMapping()
        // Sorted: a Dictionary's order changes from one process to the next.
        for key in keys.sorted() {
            try encoder.encode(self[key]!, into: box.child(forKey: key))
        }
    }
}
