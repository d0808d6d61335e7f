import Yams

/// The leaf types a config holds, with their YAML reading and writing rules
/// (YAML 1.2 core schema; `_` digit separators accepted, as in `total_steps: 1_000_000`).
protocol ConfigScalar {
    static func decode(from node: Node, at path: ConfigPath, in context: DecodingContext) throws -> Self
    /// The scalar this value is written as.
    var configNode: Node { get }
}

private func plainText(_ node: Node) -> String? {
    guard case .scalar(let s) = node, !s.isQuoted, !node.isNull else { return nil }
    return s.string
}

extension Bool: ConfigScalar {
    static func decode(from node: Node, at path: ConfigPath, in context: DecodingContext) throws -> Bool {
        switch plainText(node)?.lowercased() {
        case "true": return true
        case "false": return false
        default: throw context.typeMismatch(at: path, node, expected: "true or false")
        }
    }

    var configNode: Node { Node(self ? "true" : "false") }
}

extension String: ConfigScalar {
    /// Any scalar reads as a string (`name: 2024` is the name "2024"), but not null, a list or a mapping.
    static func decode(from node: Node, at path: ConfigPath, in context: DecodingContext) throws -> String {
        guard case .scalar(let s) = node, !node.isNull else {
            throw context.typeMismatch(at: path, node, expected: "a string")
        }
        return s.string
    }

    /// Quoted when a YAML reader would take it for something else (`'null'`, `'1e-3'`, `'yes'`).
    var configNode: Node {
        let ambiguous = Node(self).isNull
            || Resolver.default.resolveTag(of: Node(self)) != .str
            || ["y", "n", "yes", "no", "on", "off"].contains(lowercased())
        return Node(self, .implicit, ambiguous ? .singleQuoted : .any)
    }
}

extension ConfigScalar where Self: FixedWidthInteger {
    static func decode(from node: Node, at path: ConfigPath, in context: DecodingContext) throws -> Self {
        let expected = Self.isSigned ? "an integer" : "a non-negative integer"
        guard let raw = plainText(node) else { throw context.typeMismatch(at: path, node, expected: expected) }
        let text = raw.replacingOccurrences(of: "_", with: "")
        if let v = Self(text) { return v }
        for prefix in ["0x", "+0x"] where text.lowercased().hasPrefix(prefix) {
            if let v = Self(text.dropFirst(prefix.count), radix: 16) { return v }
        }
        // `1e6` is a fine step budget; `2.5` is not an integer.
        guard let d = Double(text), d.isFinite, d == d.rounded() else {
            throw context.typeMismatch(at: path, node, expected: expected)
        }
        if let v = Self(exactly: d) { return v }
        throw context.error(.outOfRange, at: path, node: node,
                            "\(path.spelled): \(raw) is out of range; accepted: integers from \(Self.min) to \(Self.max)")
    }

    var configNode: Node { Node(String(self)) }
}

extension Int: ConfigScalar {}
extension Int8: ConfigScalar {}
extension Int16: ConfigScalar {}
extension Int32: ConfigScalar {}
extension Int64: ConfigScalar {}
extension UInt: ConfigScalar {}
extension UInt8: ConfigScalar {}
extension UInt16: ConfigScalar {}
extension UInt32: ConfigScalar {}
extension UInt64: ConfigScalar {}

extension ConfigScalar where Self: BinaryFloatingPoint & LosslessStringConvertible {
    static func decode(from node: Node, at path: ConfigPath, in context: DecodingContext) throws -> Self {
        guard let raw = plainText(node) else { throw context.typeMismatch(at: path, node, expected: "a number") }
        switch raw.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: break
        }
        let text = raw.replacingOccurrences(of: "_", with: "")
        guard let v = Self(text), Double(text) != nil else {
            throw context.typeMismatch(at: path, node, expected: "a number")
        }
        if v.isInfinite, Double(text)?.isInfinite == false {
            throw context.error(.outOfRange, at: path, node: node,
                                "\(path.spelled): \(raw) is out of range; accepted: magnitudes up to \(Self.greatestFiniteMagnitude)")
        }
        return v
    }

    /// The shortest text that reads back to the same bits (`0.0003`, `1e-05`, `.inf`).
    var configNode: Node {
        if isNaN { return Node(".nan") }
        if isInfinite { return Node(self < 0 ? "-.inf" : ".inf") }
        return Node(description)
    }
}

extension Double: ConfigScalar {}
extension Float: ConfigScalar {}
