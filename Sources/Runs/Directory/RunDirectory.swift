import Checkpoint
import Foundation

/// A run's home, `populations/<name>/`:
///
///     config.yaml      the configuration the run was started with
///     metrics.csv      one row per generation (see `MetricsLog`)
///     checkpoints/     gen-00000120.ckpt … (see `CheckpointStore`)
///     writer.lock      held by the one process writing the run (see `RunLock`)
public struct RunDirectory: Sendable {
    public let root: URL

    public var name: String { root.lastPathComponent }
    public var configURL: URL { root.appendingPathComponent("config.yaml") }
    public var metricsURL: URL { root.appendingPathComponent("metrics.csv") }
    public var checkpointsURL: URL { root.appendingPathComponent("checkpoints") }

    /// Creates `<parent>/<name>/` with `config.yaml` (written atomically) and
    /// an empty `checkpoints/`, and takes its lock (`RunLock`). Refuses an
    /// existing run unless `overwrite`, which deletes it first — never while
    /// another process writes it.
    public static func create(name: String, under parent: URL, config: String, overwrite: Bool = false) throws -> RunDirectory {
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
        guard !name.isEmpty, allowed, !name.hasPrefix("."), !name.hasPrefix("-") else {
            throw RunDirectoryError.invalidName(name)
        }
        let root = parent.appendingPathComponent(name)
        let fm = FileManager.default
        if fm.fileExists(atPath: root.path) {
            guard overwrite else { throw RunDirectoryError.exists(root.path) }
            try RunLock.acquire(root)
            defer { RunLock.release(root) }
            do { try fm.removeItem(at: root) } catch { throw RunDirectoryError.io(root.path, error.localizedDescription) }
        }
        do {
            try fm.createDirectory(at: root.appendingPathComponent("checkpoints"), withIntermediateDirectories: true)
        } catch {
            throw RunDirectoryError.io(root.path, error.localizedDescription)
        }
        try RunLock.acquire(root)
        let run = RunDirectory(root: root)
        try AtomicFile.write(Array(config.utf8), to: run.configURL)
        return run
    }

    /// Opens an existing run to write it: `open`, then its lock (`RunLock`).
    public static func openForWriting(_ root: URL) throws -> RunDirectory {
        let run = try open(root)
        try RunLock.acquire(root)
        return run
    }

    /// Opens an existing run (to read it: no lock); throws naming what is missing.
    public static func open(_ root: URL) throws -> RunDirectory {
        let run = RunDirectory(root: root)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RunDirectoryError.notARun(root.path, missing: "the directory itself")
        }
        for (url, what) in [(run.configURL, "config.yaml"), (run.checkpointsURL, "checkpoints/")]
        where !FileManager.default.fileExists(atPath: url.path) {
            throw RunDirectoryError.notARun(root.path, missing: what)
        }
        return run
    }

    /// The run's checkpoint store, keeping the last `keep`.
    public func checkpoints(keep: Int = 3) throws -> CheckpointStore {
        try CheckpointStore(directory: checkpointsURL, keep: keep)
    }

    /// The text of `config.yaml`.
    public func config() throws -> String {
        String(decoding: try AtomicFile.read(configURL), as: UTF8.self)
    }

    public init(root: URL) { self.root = root }
}

/// Problems with a run directory, each naming the path.
public enum RunDirectoryError: Error, Equatable, CustomStringConvertible {
    case invalidName(String)
    case exists(String)
    case notARun(String, missing: String)
    case io(String, String)
    /// Another process writes the run; what its lock file says about it.
    case locked(String, holder: String?)

    public var description: String {
        switch self {
        case .invalidName(let n):
            return "'\(n)' is not a usable run name: use letters, digits, '.', '_' and '-', not starting with '.' or '-'"
        case .exists(let p): return "\(p) already exists: choose another name, resume it, or pass --overwrite"
        case .notARun(let p, let missing): return "\(p) is not a Populus run: \(missing) is missing"
        case .io(let p, let why): return "\(p): \(why)"
        case .locked(let p, let holder):
            let who = holder ?? "another process"
            let pid = holder.flatMap { $0.split(separator: " ").dropFirst().first }.map { " (kill -TERM \($0))" } ?? ""
            return "\(p) is being written by \(who): a run has one writer at a time; wait for it to end, or stop it\(pid) — it keeps its newest checkpoint"
        }
    }
}
