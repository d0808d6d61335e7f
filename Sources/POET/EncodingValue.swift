import Foundation

/// A family's encoding as written in a config: any YAML/JSON tree
/// (`{ground_roughness: 2.4, pit_gap: [0.8, 2.0]}`), kept as a tree until
/// the family decodes it. Numbers are kept as the Double they read as.
public indirect enum EncodingValue: Codable, Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case array([EncodingValue])
    case object([String: EncodingValue])
    case null

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let d = try? c.decode(Double.self) { self = .number(d); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([EncodingValue].self) { self = .array(a); return }
        if let o = try? c.decode([String: EncodingValue].self) { self = .object(o); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a mapping of encoding fields")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        case .null: try c.encodeNil()
        }
    }

    /// The tree as compact JSON with sorted keys (integral numbers without a fraction).
    public var json: String {
        switch self {
        case .number(let d): return d.isFinite && d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
        case .string(let s): return EventValue.quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let a): return "[" + a.map(\.json).joined(separator: ",") + "]"
        case .object(let o): return "{" + o.keys.sorted().map { EventValue.quote($0) + ":" + o[$0]!.json }.joined(separator: ",") + "}"
        }
    }
}
