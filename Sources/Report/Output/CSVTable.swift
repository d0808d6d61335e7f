import Foundation

/// A table written as RFC 4180 CSV: a header line, then one line per row;
/// fields holding a comma, quote or line break are quoted (quotes doubled).
/// Numbers are written with `ReportNumber.csv` (shortest round-tripping
/// form; NaN as an empty field).
///
///     var t = CSVTable(columns: ["method", "seed", "step", "return"])
///     t.append(["evolved", "0", "6400", "17.25"])
///     try t.write(to: dir.appendingPathComponent("curves.csv"))
public struct CSVTable: Sendable, Equatable {
    public let columns: [String]
    public private(set) var rows: [[String]] = []

    public init(columns: [String]) {
        precondition(!columns.isEmpty, "CSVTable needs at least one column")
        self.columns = columns
    }

    /// Adds a row of already formatted fields (one per column).
    public mutating func append(_ fields: [String]) {
        precondition(fields.count == columns.count, "CSVTable: \(fields.count) fields for \(columns.count) columns")
        rows.append(fields)
    }

    /// The whole table as CSV text (LF line ends, a final newline).
    public var text: String {
        var out = columns.map(Self.escape).joined(separator: ",") + "\n"
        for row in rows { out += row.map(Self.escape).joined(separator: ",") + "\n" }
        return out
    }

    /// Writes `text` atomically.
    public func write(to url: URL) throws { try ReportFile.write(text, to: url) }

    /// A field as CSV: quoted only when it must be.
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Number formatting shared by the report's files.
public enum ReportNumber {
    /// For CSV: Swift's shortest round-tripping decimal, integers without ".0", NaN empty.
    public static func csv(_ v: Double) -> String {
        if v.isNaN { return "" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// For people: up to `digits` significant digits, no exponent for ordinary magnitudes.
    public static func human(_ v: Double, digits: Int = 3) -> String {
        if v.isNaN { return "—" }
        if v.isInfinite { return v > 0 ? "∞" : "−∞" }
        if v == v.rounded(), abs(v) < 1e9 { return String(Int64(v)) }
        let magnitude = abs(v) > 0 ? Int(log10(abs(v)).rounded(.down)) : 0
        let decimals = max(0, min(8, digits - 1 - magnitude))
        return String(format: "%.\(decimals)f", v)
    }

    /// A probability as a reader wants it: 3 significant digits, and below
    /// 10⁻⁴ in scientific notation ("0.0535", "1.9e-05", "3.1e-12").
    public static func probability(_ p: Double) -> String {
        guard p.isFinite, p > 0, p < 1e-4 else { return human(p) }
        return String(format: "%.2g", p)
    }
}

/// Writing report files: atomically (a reader never sees half a file), the
/// directory created when missing.
public enum ReportFile {
    public static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
