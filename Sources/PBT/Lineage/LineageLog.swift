import Checkpoint
import Foundation

/// `populations/<run>/lineage.jsonl`: every start and exploit, one JSON line
/// each, appended as they happen.
///
/// The records also travel in every checkpoint (section "lineage"), and a
/// resumed run rewrites the file from them — as the driver does with
/// `metrics.csv` — so records a killed process wrote after its last
/// checkpoint never survive next to the ones the resumed run writes again.
public struct LineageLog: Sendable {
    /// The file.
    public let url: URL

    /// The log of a run directory.
    public init(directory: URL) {
        url = directory.appendingPathComponent(Self.fileName)
    }

    public static let fileName = "lineage.jsonl"

    /// Replaces the file by exactly `records` (atomically: a temporary, fsync'd, renamed).
    public func rewrite(_ records: [LineageRecord]) throws {
        try AtomicFile.write(Array(Self.text(records).utf8), to: url)
    }

    /// Appends `records` to the file (creating it when missing).
    public func append(_ records: [LineageRecord]) throws {
        guard !records.isEmpty else { return }
        let data = Data(Self.text(records).utf8)
        if !FileManager.default.fileExists(atPath: url.path) {
            try data.write(to: url)
            return
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
    }

    /// Every record of the file, in order. A last line without its newline
    /// (a process killed mid-write) is ignored; any other bad line throws,
    /// naming the file and line.
    public func read() throws -> [LineageRecord] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LineageError(message: "\(url.path): cannot be read (\(error.localizedDescription))")
        }
        return try Self.records(in: String(decoding: data, as: UTF8.self), file: url.path)
    }

    /// The records of JSON-lines text (`file` names it in errors).
    public static func records(in text: String, file: String) throws -> [LineageRecord] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let last = lines.last, !text.hasSuffix("\n") || last.isEmpty { lines.removeLast() }
        var out: [LineageRecord] = []
        for (i, line) in lines.enumerated() where !line.isEmpty {
            do {
                out.append(try LineageRecord(jsonLine: String(line)))
            } catch {
                throw LineageError(message: "\(file):\(i + 1): \(error.message)")
            }
        }
        return out
    }

    /// The JSON-lines text of `records` (each line ends with a newline).
    public static func text(_ records: [LineageRecord]) -> String {
        records.map { $0.jsonLine + "\n" }.joined()
    }
}
