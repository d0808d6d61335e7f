import Foundation

/// The `checkpoints/` directory of a run: atomic writes, the last K kept,
/// and loading that falls back to the newest intact checkpoint.
///
/// Files are `gen-00000120.ckpt` (the generation completed); temporaries of
/// an interrupted write are hidden (`.gen-….tmp-PID`), never listed, and
/// removed by the next write.
public struct CheckpointStore: Sendable {
    public let directory: URL
    /// K: how many checkpoints `write` keeps (the newest ones).
    public var keep: Int

    /// A store over `directory` (created if missing) keeping the last `keep`;
    /// throws (invalid setting) when `keep` < 1.
    public init(directory: URL, keep: Int = 3) throws {
        guard keep >= 1 else {
            throw CheckpointError(file: directory.path, problem: .invalidSetting("keep must be ≥ 1 checkpoint, got \(keep)"))
        }
        self.directory = directory
        self.keep = keep
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CheckpointError(file: directory.path, problem: .io("cannot create directory: \(error.localizedDescription)"))
        }
    }

    /// One checkpoint file: its generation (from the name) and location.
    public struct Entry: Sendable, Equatable {
        public let generation: Int
        public let url: URL
    }

    public static func fileName(generation: Int) -> String {
        let digits = String(generation)
        return "gen-" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits + ".ckpt"
    }

    static func generation(ofFileName name: String) -> Int? {
        guard name.hasPrefix("gen-"), name.hasSuffix(".ckpt") else { return nil }
        return Int(name.dropFirst(4).dropLast(5))
    }

    /// Checkpoint files, oldest first (by the generation in their names).
    public func list() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.compactMap { name in
            Self.generation(ofFileName: name).map { Entry(generation: $0, url: directory.appendingPathComponent(name)) }
        }.sorted { $0.generation < $1.generation }
    }

    /// Writes `checkpoint` atomically as `gen-<generation>.ckpt`, then
    /// deletes all but the newest `keep` and any stale temporaries. Returns its URL.
    @discardableResult
    public func write(_ checkpoint: Checkpoint) throws -> URL {
        let url = directory.appendingPathComponent(Self.fileName(generation: checkpoint.generation))
        removeStaleTemporaries()
        try AtomicFile.write(checkpoint.encoded(), to: url)
        let all = list()
        if all.count > keep {
            for old in all.prefix(all.count - keep) where old.url != url { unlink(old.url.path) }
            try AtomicFile.syncDirectory(directory)
        }
        return url
    }

    /// Deletes temporaries left by writes that never reached their rename.
    public func removeStaleTemporaries() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where AtomicFile.isTemporary(name) { unlink(directory.appendingPathComponent(name).path) }
    }

    /// Reads and verifies one checkpoint file, optionally of an expected kind.
    public static func load(_ url: URL, kind: String? = nil) throws -> Checkpoint {
        let checkpoint = try Checkpoint(decoding: try AtomicFile.read(url), file: url.path)
        if let kind, checkpoint.kind != kind {
            throw CheckpointError(file: url.path, problem: .wrongKind(expected: kind, found: checkpoint.kind))
        }
        return checkpoint
    }

    /// The result of looking for the newest usable checkpoint.
    public struct Search: Sendable {
        /// The newest intact checkpoint and its file, nil when there is none.
        public let checkpoint: Checkpoint?
        public let url: URL?
        /// Newer files that were skipped, with what is wrong with each (newest first).
        public let skipped: [CheckpointError]
    }

    /// The newest intact checkpoint in `directory` (optionally of `kind`),
    /// skipping and reporting corrupt, truncated, foreign or wrong-kind files.
    /// Never throws: an empty or unreadable directory gives no checkpoint.
    public static func latestIntact(in directory: URL, kind: String? = nil, olderThan limit: Int? = nil) -> Search {
        let store = CheckpointStore(unchecked: directory)
        var skipped: [CheckpointError] = []
        for entry in store.list().reversed() where limit == nil || entry.generation < limit! {
            do {
                return Search(checkpoint: try load(entry.url, kind: kind), url: entry.url, skipped: skipped)
            } catch let e as CheckpointError {
                skipped.append(e)
            } catch {
                skipped.append(CheckpointError(file: entry.url.path, problem: .io("\(error)")))
            }
        }
        return Search(checkpoint: nil, url: nil, skipped: skipped)
    }

    /// Loads `url`; if it is unusable, the error is rethrown as a
    /// `CheckpointLoadFailure` carrying the newest intact older checkpoint
    /// of the same directory to offer instead (nil when none).
    public static func loadOrOfferOlder(_ url: URL, kind: String? = nil) throws -> Checkpoint {
        do {
            return try load(url, kind: kind)
        } catch let error as CheckpointError {
            let generation = generation(ofFileName: url.lastPathComponent)
            let older = latestIntact(in: url.deletingLastPathComponent(), kind: kind, olderThan: generation ?? Int.max)
            throw CheckpointLoadFailure(error: error, olderIntact: older.url, olderGeneration: older.checkpoint?.generation)
        }
    }

    private init(unchecked directory: URL) {
        self.directory = directory
        self.keep = 1
    }
}

/// A checkpoint could not be used; `olderIntact` is the newest intact older
/// one in the same directory, offered as a fallback.
public struct CheckpointLoadFailure: Error, CustomStringConvertible {
    public let error: CheckpointError
    public let olderIntact: URL?
    public let olderGeneration: Int?

    public var description: String {
        if let olderIntact, let olderGeneration {
            return "\(error)\nthe newest intact older checkpoint is \(olderIntact.path) (generation \(olderGeneration))"
        }
        return "\(error)\nno intact older checkpoint exists in \(URL(fileURLWithPath: error.file).deletingLastPathComponent().path)"
    }
}
