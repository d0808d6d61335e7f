import Checkpoint
import Foundation
import Runs

extension POETRun {
    /// `events.jsonl` in the run's directory.
    public static let eventsFile = "events.jsonl"

    /// Called by the driver once the run has its directory: rewrites
    /// `events.jsonl` from the events this run holds (all of them for a run
    /// restored from a checkpoint, so lines a killed process wrote after that
    /// checkpoint disappear, as in `metrics.csv`), then appends each
    /// iteration's events as it ends.
    public mutating func attach(to directory: RunDirectory) throws {
        let url = directory.root.appendingPathComponent(Self.eventsFile)
        let text = events.map { $0 + "\n" }.joined()
        try AtomicFile.write(Array(text.utf8), to: url)
        eventLog = EventFile(url: url, written: events.count)
    }

    /// Appends the events not yet in the file (one write per iteration).
    func flushEvents() throws {
        guard let log = eventLog, log.written < events.count else { return }
        let text = events[log.written...].map { $0 + "\n" }.joined()
        let handle = try FileHandle(forWritingTo: log.url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        log.written = events.count
    }
}

/// Where the events go and how many are there already.
final class EventFile: @unchecked Sendable {
    let url: URL
    var written: Int
    init(url: URL, written: Int) {
        self.url = url
        self.written = written
    }
}
