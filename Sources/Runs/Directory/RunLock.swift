import Checkpoint
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One writer per run directory: an exclusive `flock(2)` on
/// `<run>/writer.lock`, taken by every command that writes a run (`evolve`,
/// `resume`, `train`, and `compare`/`report` into the run's own `report/`).
///
/// The kernel drops the lock when the process ends, however it ends, so a
/// killed run never leaves a stale lock behind; the file itself stays, holding
/// the last writer's PID and command line for the message a second writer
/// gets. Readers (`inspect`, `pbt schedule`, `poet show`) never take it and
/// never wait.
///
/// A process holds a directory's lock at most once: taking it again is a
/// no-op (a run resumed in the process that started it), and it is held until
/// `release` or the end of the process.
public enum RunLock {
    /// The lock file inside a run directory.
    public static let fileName = "writer.lock"

    /// Takes the lock on the run directory `root` for this process, or throws
    /// `RunDirectoryError.locked` at once (never waits) naming the process
    /// that holds it; `RunDirectoryError.io` when the file cannot be opened
    /// (a read-only directory, say), naming it and the errno.
    public static func acquire(_ root: URL) throws {
        let key = Self.key(root)
        try held.withLock { table in
            if table[key] != nil { return }
            let path = root.appendingPathComponent(fileName).path
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw RunDirectoryError.io(path, "cannot open the lock file: \(AtomicFile.describe(errno: errno))") }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                let holder = describeHolder(fd)
                close(fd)
                guard code == EWOULDBLOCK else { throw RunDirectoryError.io(path, "cannot lock: \(AtomicFile.describe(errno: code))") }
                throw RunDirectoryError.locked(root.path, holder: holder)
            }
            let line = Array("process \(getpid()) (\(commandLine())), since \(timestamp())\n".utf8)
            _ = ftruncate(fd, 0)
            _ = line.withUnsafeBytes { pwrite(fd, $0.baseAddress!, $0.count, 0) }
            table[key] = fd
        }
    }

    /// Lets the lock on `root` go (no-op when this process does not hold it).
    public static func release(_ root: URL) {
        held.withLock { table in
            if let fd = table.removeValue(forKey: key(root)) { close(fd) }
        }
    }

    /// Whether this process holds the lock on `root`.
    public static func isHeld(_ root: URL) -> Bool {
        held.withLock { $0[key(root)] != nil }
    }

    static func key(_ root: URL) -> String { root.standardizedFileURL.resolvingSymlinksInPath().path }

    /// Who holds the lock on `fd`'s file: the lock file's line once it names
    /// the process the kernel says holds the lock (`/proc/locks`; the line is
    /// written just after the lock is taken, so a moment's wait may be needed),
    /// otherwise that process's PID alone.
    static func describeHolder(_ fd: Int32) -> String? {
        guard let pid = kernelHolder(fd) else { return contents(fd) }
        for _ in 0..<40 {
            if let line = contents(fd), line.hasPrefix("process \(pid) ") { return line }
            usleep(5_000)
        }
        return "process \(pid)"
    }

    /// The PID that holds a `flock` on `fd`'s file, from `/proc/locks` (nil where there is none to read).
    static func kernelHolder(_ fd: Int32) -> Int32? {
        var status = stat()
        guard fstat(fd, &status) == 0, let table = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else {
            return nil
        }
        // "1: FLOCK  ADVISORY  WRITE 16130 00:2e:123456 0 EOF"
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 6, fields[1] == "FLOCK", fields[3] == "WRITE",
                  let inode = fields[5].split(separator: ":").last.flatMap({ UInt64($0) }),
                  inode == UInt64(status.st_ino), let pid = Int32(fields[4]) else { continue }
            return pid
        }
        return nil
    }

    /// The holder line the lock file records ("process 1234 (populus resume …), since …"), nil when empty.
    static func contents(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    static func commandLine() -> String {
        var words = CommandLine.arguments
        if let first = words.first { words[0] = URL(fileURLWithPath: first).lastPathComponent }
        let text = words.joined(separator: " ")
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}

/// Open lock files by run directory (resolved path).
private let held = Mutex<[String: Int32]>([:])
