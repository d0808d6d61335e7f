import Yams

/// A mapping seen as a struct. Every key a type asks about (`decode`,
/// `decodeIfPresent`, `contains`, …) is recorded, so the keys nobody asked for
/// can be refused once decoding is done.
///
/// Swift names are looked up in snake_case (`learningRate` → `learning_rate`),
/// except keys the type got from ``allKeys`` (dictionaries, enums with payloads),
/// which are looked up as written.
final class KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let mapping: Node.Mapping
    let path: ConfigPath
    let node: Node
    let context: DecodingContext
    /// Swift key → YAML key, for keys handed out by `allKeys`.
    private var enumerated: [String: String] = [:]
    /// A bare name standing for `{name: {}}`: only a payload-less enum case may read it.
    let shorthand: Bool

    init(_ mapping: Node.Mapping, _ path: ConfigPath, _ node: Node, _ context: DecodingContext,
         shorthand: Bool = false) throws {
        self.mapping = mapping
        self.path = path
        self.node = node
        self.context = context
        self.shorthand = shorthand
        for (key, _) in mapping where key.keyName == nil {
            throw context.error(.typeMismatch, at: path, mark: key.mark,
                                "\(path.spelled): keys must be plain names, found \(key.described)")
        }
        context.register(mapping, at: path)
    }

    var codingPath: [any CodingKey] { path.codingPath }

    var allKeys: [Key] {
        mapping.compactMap { pair -> Key? in
            guard let name = pair.key.keyName else { return nil }
            guard let key = Key(stringValue: name) ?? Key(stringValue: KeyNaming.camel(name)) else { return nil }
            enumerated[key.stringValue] = name
            return key
        }
    }

    /// The YAML key for a Swift key, recorded as asked for.
    private func name(_ key: Key) -> String {
        let name = enumerated[key.stringValue] ?? KeyNaming.snake(key.stringValue)
        context.request(name, at: path)
        return name
    }

    private func entry(_ key: Key) -> (name: String, value: Node, path: ConfigPath)? {
        let name = name(key)
        guard let pair = mapping.first(where: { $0.key.keyName == name }) else { return nil }
        let child = path.appending(key: name)
        context.noteKey(pair.key, for: child)
        return (name, pair.value, child)
    }

    private func required(_ key: Key) throws -> (value: Node, path: ConfigPath) {
        if shorthand { throw context.typeMismatch(at: path, node, expected: "a mapping (key: value lines)") }
        if let e = entry(key) { return (e.value, e.path) }
        let name = name(key)
        let full = path.appending(key: name)
        var message = "missing required key '\(full)'"
        // A misspelt required key shows up here first: point at it.
        let unclaimed = mapping.compactMap { $0.key.keyName }
            .filter { !(context.visits[path]?.requested.contains($0) ?? false) }
        if let typo = nearest(to: name, in: unclaimed),
           let keyNode = mapping.first(where: { $0.key.keyName == typo })?.key {
            let place = keyNode.mark.map { " on line \($0.line)" } ?? ""
            message += "; '\(typo)'\(place) looks like a misspelling of it"
        }
        throw context.error(.missingKey, at: path, node: node, message)
    }

    func contains(_ key: Key) -> Bool { entry(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try required(key).value.isNull }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (value, child) = try required(key)
        return try context.decode(T.self, from: value, at: child)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type, key) }

    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try decode(type, forKey: key)
    }

    func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
        if shorthand, let e = entry(key) {
            return try NodeDecoder(node: e.value, path: e.path, context: context).container(keyedBy: N.self)
        }
        let (value, child) = try required(key)
        return try NodeDecoder(node: value, path: child, context: context).container(keyedBy: N.self)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let (value, child) = try required(key)
        return try NodeDecoder(node: value, path: child, context: context).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        NodeDecoder(node: node, path: path, context: context)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        let e = entry(key)
        return NodeDecoder(node: e?.value ?? .null, path: e?.path ?? path.appending(key: name(key)), context: context)
    }
}
