/// A JSON document built in code, written with its keys in the order given
/// (a report reads top to bottom). Non-finite numbers become `null`: JSON has
/// no NaN, and a missing value is what they mean in a report.
///
///     let doc: JSONValue = .object([
///         ("method", .string("evolved")),
///         ("final_return", .number(17.2)),
///         ("seeds", .array([.number(0), .number(1)])),
///     ])
///     try ReportFile.write(doc.text, to: url)
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text == b.text }

    /// An interval as `{"estimate":…, "lower":…, "upper":…, "level":…}`.
    public static func interval(_ i: Interval) -> JSONValue {
        .object([("estimate", .number(i.estimate)), ("lower", .number(i.lower)),
                 ("upper", .number(i.upper)), ("level", .number(i.level))])
    }

    /// Pretty-printed with two-space indentation and a final newline.
    public var text: String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let v): out += v.isFinite ? ReportNumber.csv(v) : "null"
        case .string(let s): out += Self.quote(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += close + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in pairs.enumerated() {
                out += pad + Self.quote(key) + ": "
                value.write(into: &out, indent: indent + 1)
                out += i == pairs.count - 1 ? "\n" : ",\n"
            }
            out += close + "}"
        }
    }

    /// A JSON string literal (RFC 8259 escapes).
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
