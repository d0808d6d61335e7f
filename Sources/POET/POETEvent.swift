import Environments
import Foundation

/// A JSON value for one line of `events.jsonl`, written with its keys in the order given, numbers in the
/// shortest form that reads back exactly, and non-finite numbers as `null`:
/// one line of `events.jsonl` is the same bytes in every run.
public indirect enum EventValue: Sendable, Equatable {
    case int(Int)
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
    case array([EventValue])
    case object([(String, EventValue)])
    /// Already-serialised JSON (an encoding).
    case raw(String)

    public static func == (a: EventValue, b: EventValue) -> Bool { a.text == b.text }

    /// An optional integer, `null` when absent.
    public static func int(_ v: Int?) -> EventValue { v.map { .int($0) } ?? .null }

    public var text: String {
        switch self {
        case .int(let v): return String(v)
        case .number(let v):
            guard v.isFinite else { return "null" }
            if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
            return "\(v)"
        case .string(let s): return Self.quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { Self.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        case .raw(let s): return s
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

extension AnyEncoding {
    /// The encoding as compact JSON with sorted keys (`{"family":…,"encoding":{…}}`):
    /// what checkpoints and events store.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encodings are Codable numbers and arrays: encoding cannot fail.
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads `json`; throws `DecodingError` naming the problem.
    public init(json: String) throws {
        self = try JSONDecoder().decode(AnyEncoding.self, from: Data(json.utf8))
    }
}

/// What happened in the loop, one JSON object per line of
/// `populations/<run>/events.jsonl`. Every line has `iteration` and `event`:
///
/// - `created`: a pair joined (`env`, `parent`, `encoding`, `terrain_seed`,
///   `novelty`, `mc_score` — the parent's agent in the child —, `score` and
///   `agent_source`/`agent_kind` — the best transferred agent it starts with).
/// - `reproduction`: a reproduction round (`parents`, `children`, `passed_mc`, `admitted`, and
///   `candidates`: each child's `trial`, `parent`, `encoding`, `mc_score`, `novelty` — null when it
///   failed the minimal criterion — and whether it was `admitted`).
/// - `retired`: a pair moved to the archive (`env`, `score`, `solved`).
/// - `solved`: an environment's agent first reached the solved threshold (`env`, `score`).
/// - `transfer`: an incumbent was replaced (`env`, `source`, `kind`: direct | proposal, `score`, `threshold`).
/// - `scores`: every active pair's self-evaluation after the iteration (`scores`: [[env, score], …]).
public enum POETEvent {
    public static func line(_ iteration: Int, _ event: String, _ fields: [(String, EventValue)]) -> String {
        EventValue.object([("iteration", .int(iteration)), ("event", .string(event))] + fields).text
    }
}

extension AnyEncoding {
    /// Only the family's own encoding as JSON (what `poet.start_encoding` takes).
    public var valueJSON: String {
        get throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return String(decoding: try encoder.encode(EncodingBox(value)), as: UTF8.self)
        }
    }
}

/// Encodes an existential encoding as itself.
private struct EncodingBox: Encodable {
    let value: any ParametricEncoding
    init(_ value: any ParametricEncoding) { self.value = value }
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}
