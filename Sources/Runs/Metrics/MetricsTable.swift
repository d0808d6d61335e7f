import Checkpoint
/// The per-generation metrics of a run, one row per generation, kept in
/// the checkpoint so `metrics.csv` can be rewritten exactly on resume.
///
/// Why the table lives in the checkpoint (rather than truncating the CSV):
/// a run killed after appending a row but before its next checkpoint leaves
/// rows the resumed run will produce again; rewriting the CSV from the
/// checkpoint's table removes them by construction, and also repairs a CSV
/// that was edited, truncated or lost.
public struct MetricsTable: Sendable, Equatable {
    public let columns: [String]
    public private(set) var rows: [[Double]] = []

    public init(columns: [String]) {
        precondition(!columns.isEmpty, "a metrics table needs at least one column")
        self.columns = columns
    }

    /// Appends one row (one value per column).
    public mutating func append(_ row: [Double]) {
        precondition(row.count == columns.count, "metrics row has \(row.count) values for \(columns.count) columns")
        rows.append(row)
    }

    /// Drops rows whose first column (the generation, by convention) is ≥ `generation`.
    public mutating func truncate(before generation: Int) {
        rows.removeAll { $0[0] >= Double(generation) }
    }

    /// The CSV header line (without newline).
    public var header: String { columns.joined(separator: ",") }

    /// One value as CSV text: integers without a fraction ("12"), others in
    /// the shortest form that reads back to the same Double ("0.1", "1e-05"),
    /// and "nan"/"inf"/"-inf" for non-finite values.
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded(), abs(v) < 9.007_199_254_740_992e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// A row as a CSV line (without newline).
    public static func line(_ row: [Double]) -> String { row.map(format).joined(separator: ",") }

    /// The whole table as CSV text, header first, newline-terminated.
    public var csv: String { ([header] + rows.map(Self.line)).joined(separator: "\n") + "\n" }

    /// The table as section bytes (columns, then rows of exact doubles).
    public var encoded: [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(columns.count))
        for c in columns { w.string(c) }
        w.u64(UInt64(rows.count))
        for row in rows { for v in row { w.double(v) } }
        return w.bytes
    }

    /// Reads `encoded`; throws `ByteReaderError` on malformed bytes.
    public init(encoded bytes: [UInt8]) throws {
        var r = ByteReader(bytes)
        let columnCount = try r.u32("metrics column count")
        // A column name takes at least its 8-byte length.
        guard columnCount >= 1, UInt64(columnCount) <= UInt64(r.remaining / 8) else {
            throw ByteReaderError(what: "metrics columns", needed: UInt64(columnCount) * 8, remaining: r.remaining, offset: r.offset)
        }
        var columns: [String] = []
        for i in 0..<Int(columnCount) { columns.append(try r.string("metrics column \(i)")) }
        self.init(columns: columns)
        let rowCount = try r.u64("metrics row count")
        let rowBytes = UInt64(columnCount) * 8
        guard rowCount <= UInt64(r.remaining) / rowBytes else {
            throw ByteReaderError(what: "metrics rows", needed: rowCount > UInt64.max / rowBytes ? .max : rowCount * rowBytes,
                                  remaining: r.remaining, offset: r.offset)
        }
        rows.reserveCapacity(Int(rowCount))
        for _ in 0..<Int(rowCount) { rows.append(try (0..<Int(columnCount)).map { _ in try r.double("metrics value") }) }
        guard r.isAtEnd else {
            throw ByteReaderError(what: "end of metrics (\(r.remaining) extra bytes)", needed: 0, remaining: r.remaining, offset: r.offset)
        }
        // The first column is the generation: a whole number that commands
        // read back as an Int (`inspect`, `truncate(before:)`).
        if let i = rows.firstIndex(where: { !($0[0] >= 0 && $0[0] <= 0x1p53 && $0[0] == $0[0].rounded()) }) {
            throw ByteReaderError(what: "metrics row \(i) (its \(columns[0]) is \(rows[i][0]); accepted: a whole number from 0 to 2^53)",
                                  needed: 0, remaining: r.remaining, offset: r.offset)
        }
    }
}
