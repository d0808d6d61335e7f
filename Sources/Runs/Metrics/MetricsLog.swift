import Checkpoint
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `metrics.csv`: one row per generation, appended and flushed as each
/// generation ends so `tail -f` and plotting tools see progress at once.
///
/// The authoritative copy is `table`, which the driver stores in every
/// checkpoint; `resume` rewrites the file from a checkpoint's table
/// (atomically), so rows written after that checkpoint by a killed run are
/// dropped and never duplicated.
public final class MetricsLog {
    public let url: URL
    public private(set) var table: MetricsTable
    private var fd: Int32

    /// Starts `url` afresh (header only), replacing any existing file.
    public convenience init(url: URL, columns: [String]) throws {
        try self.init(url: url, table: MetricsTable(columns: columns))
    }

    /// Rewrites `url` from `table` (e.g. the one in the checkpoint being
    /// resumed) and continues appending after its last row.
    public static func resume(url: URL, from table: MetricsTable) throws -> MetricsLog {
        try MetricsLog(url: url, table: table)
    }

    private init(url: URL, table: MetricsTable) throws {
        self.url = url
        self.table = table
        try AtomicFile.write(Array(table.csv.utf8), to: url)
        fd = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw AtomicFile.ioError(url, "open") }
    }

    deinit { close(fd) }

    /// Appends one row (one value per column) to the table and the file; the
    /// line reaches the file before this returns (one write(2), no buffering).
    public func append(_ row: [Double]) throws {
        table.append(row)
        let line = Array((MetricsTable.line(row) + "\n").utf8)
        var written = 0
        while written < line.count {
            let n = line[written...].withUnsafeBytes { raw in posixWrite(fd, raw.baseAddress!, raw.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AtomicFile.ioError(url, "append")
            }
            written += n
        }
    }
}

private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}
