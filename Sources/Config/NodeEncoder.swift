import Yams

/// Encodes any `Encodable` into a Yams node tree: struct keys in snake_case and
/// declaration order, nil optionals written as `null` (so the resolved config
/// shows every option), numbers in their shortest exact form, dictionaries
/// sorted by key, lists of scalars on one line (`[64, 64]`).
struct NodeEncoder {
    func node<T: Encodable>(for value: T) throws -> Node {
        let box = NodeBox()
        try encode(value, into: box)
        return box.node()
    }

    func encode<T: Encodable>(_ value: T, into box: NodeBox, codingPath: [any CodingKey] = []) throws {
        if let scalar = value as? any ConfigScalar { return box.set(scalar.configNode) }
        if let dictionary = value as? any StringKeyedDictionary {
            return try dictionary.encodeEntries(into: box, encoder: self)
        }
        try value.encode(to: NodeEncoderImpl(box: box, encoder: self, codingPath: codingPath))
    }
}

/// One node under construction.
final class NodeBox {
    private enum Kind { case empty, scalar(Node), mapping, sequence }
    private var kind = Kind.empty
    private var pairs: [(key: String, box: NodeBox)] = []
    private var items: [NodeBox] = []

    func set(_ node: Node) { kind = .scalar(node) }

    func becomeMapping() {
        if case .mapping = kind {} else { kind = .mapping; pairs = [] }
    }

    func becomeSequence() {
        if case .sequence = kind {} else { kind = .sequence; items = [] }
    }

    /// The box under `key`, replacing what an earlier container wrote there.
    func child(forKey key: String) -> NodeBox {
        becomeMapping()
        let box = NodeBox()
        if let i = pairs.firstIndex(where: { $0.key == key }) { pairs[i].box = box } else { pairs.append((key, box)) }
        return box
    }

    func appendItem() -> NodeBox {
        becomeSequence()
        let box = NodeBox()
        items.append(box)
        return box
    }

    var count: Int { items.count }

    func node() -> Node {
        switch kind {
        case .scalar(let node): return node
        case .empty: return .mapping(Node.Mapping([]))
        case .mapping:
            return .mapping(Node.Mapping(pairs.map { ($0.key.configNode, $0.box.node()) }, .implicit, .block))
        case .sequence:
            let nodes = items.map { $0.node() }
            let flat = nodes.allSatisfy { if case .scalar = $0 { true } else { false } }
            return .sequence(Node.Sequence(nodes, .implicit, flat ? .flow : .block))
        }
    }
}

struct NodeEncoderImpl: Encoder {
    let box: NodeBox
    let encoder: NodeEncoder
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        box.becomeMapping()
        return KeyedEncodingContainer(KeyedNodeEncodingContainer<Key>(box: box, encoder: encoder, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        box.becomeSequence()
        return UnkeyedNodeEncodingContainer(box: box, encoder: encoder, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueNodeEncodingContainer(box: box, encoder: encoder, codingPath: codingPath)
    }
}

struct SingleValueNodeEncodingContainer: SingleValueEncodingContainer {
    let box: NodeBox
    let encoder: NodeEncoder
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.set(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.encode(value, into: box, codingPath: codingPath)
    }
}

struct UnkeyedNodeEncodingContainer: UnkeyedEncodingContainer {
    let box: NodeBox
    let encoder: NodeEncoder
    let codingPath: [any CodingKey]
    var count: Int { box.count }

    mutating func encodeNil() throws { box.appendItem().set(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [ConfigCodingKey(intValue: count)]
        try encoder.encode(value, into: box.appendItem(), codingPath: path)
    }

    mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type) -> KeyedEncodingContainer<N> {
        NodeEncoderImpl(box: box.appendItem(), encoder: encoder, codingPath: codingPath).container(keyedBy: N.self)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NodeEncoderImpl(box: box.appendItem(), encoder: encoder, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoderImpl(box: box.appendItem(), encoder: encoder, codingPath: codingPath)
    }
}
