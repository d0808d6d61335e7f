import Yams

/// A `Decoder` over a Yams node tree that keeps every node's line, converts
/// struct keys to snake_case, and records which keys each type asks for.
struct NodeDecoder: Decoder {
    let node: Node
    let path: ConfigPath
    let context: DecodingContext

    var codingPath: [any CodingKey] { path.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        // `section:` with nothing after it means "all defaults".
        if node.isNull { return KeyedDecodingContainer(try KeyedNodeContainer<Key>(.init([]), path, node, context)) }
        // `sigma: constant` for an enum case without payload, which Codable spells `sigma: {constant: {}}`.
        if case .scalar(let s) = node, !s.isQuoted, Key(stringValue: "\u{0}not a key") == nil,
           Key(stringValue: s.string) ?? Key(stringValue: KeyNaming.camel(s.string)) != nil {
            let key = Node.scalar(Node.Scalar(s.string, .implicit, .plain, s.mark))
            let mapping = Node.Mapping([(key, .mapping(.init([])))], .implicit, .any, s.mark)
            return KeyedDecodingContainer(try KeyedNodeContainer<Key>(mapping, path, node, context, shorthand: true))
        }
        guard case .mapping(let mapping) = node else {
            throw context.typeMismatch(at: path, node, expected: "a mapping (key: value lines)")
        }
        return KeyedDecodingContainer(try KeyedNodeContainer<Key>(mapping, path, node, context))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        if node.isNull { return UnkeyedNodeContainer([], path, context) }
        guard case .sequence(let sequence) = node else {
            throw context.typeMismatch(at: path, node, expected: "a list")
        }
        return UnkeyedNodeContainer(Array(sequence), path, context)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueNodeContainer(node: node, path: path, context: context)
    }
}

struct SingleValueNodeContainer: SingleValueDecodingContainer {
    let node: Node
    let path: ConfigPath
    let context: DecodingContext

    var codingPath: [any CodingKey] { path.codingPath }

    func decodeNil() -> Bool { node.isNull }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try context.decode(T.self, from: node, at: path)
    }
}

struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let items: [Node]
    let path: ConfigPath
    let context: DecodingContext
    private(set) var currentIndex = 0

    init(_ items: [Node], _ path: ConfigPath, _ context: DecodingContext) {
        self.items = items
        self.path = path
        self.context = context
    }

    var codingPath: [any CodingKey] { path.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next(_ what: String) throws -> (Node, ConfigPath) {
        guard !isAtEnd else {
            throw context.error(.missingKey, at: path, node: items.last,
                                "\(path.spelled): the list has \(items.count) items, \(what) needs more")
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], path.appending(.index(currentIndex)))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (node, child) = try next("\(T.self)")
        return try context.decode(T.self, from: node, at: child)
    }

    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
        let (node, child) = try next("a mapping")
        return try NodeDecoder(node: node, path: child, context: context).container(keyedBy: N.self)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (node, child) = try next("a list")
        return try NodeDecoder(node: node, path: child, context: context).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (node, child) = try next("a value")
        return NodeDecoder(node: node, path: child, context: context)
    }
}
