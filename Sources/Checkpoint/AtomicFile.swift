import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe file replacement: readers see the old file or the new one,
/// never a mixture, even after SIGKILL or a power cut.
///
/// 1. write everything to a hidden temporary in the same directory
///    (`.NAME.tmp-PID`, same file system so the rename is atomic),
/// 2. fsync it (its bytes reach the disk before its name does),
/// 3. rename it over NAME (atomic in POSIX),
/// 4. fsync the directory (the rename itself survives a crash).
public enum AtomicFile {
    /// Writes `bytes` to `url` atomically. Throws `CheckpointError` (I/O) naming the file.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let temporary = try prepare(bytes, for: url)
        try commit(temporary, to: url)
    }

    /// Steps 1–2: the synced temporary (its name never matches a checkpoint's).
    static func prepare(_ bytes: [UInt8], for url: URL) throws -> URL {
        let temporary = temporaryURL(for: url)
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ioError(temporary, "open") }
        var written = 0
        var failure: CheckpointError? = nil
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = systemWrite(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = ioError(temporary, "write")
                    return
                }
                written += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = ioError(temporary, "fsync") }
        close(fd)
        if let failure {
            unlink(temporary.path)
            throw failure
        }
        return temporary
    }

    /// Steps 3–4.
    static func commit(_ temporary: URL, to url: URL) throws {
        guard rename(temporary.path, url.path) == 0 else {
            let e = ioError(url, "rename")
            unlink(temporary.path)
            throw e
        }
        try syncDirectory(url.deletingLastPathComponent())
    }

    /// fsyncs a directory so renames and unlinks in it are durable.
    static func syncDirectory(_ directory: URL) throws {
        let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw ioError(directory, "open directory") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw ioError(directory, "fsync directory") }
    }

    static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    }

    /// True for names `prepare` creates.
    static func isTemporary(_ name: String) -> Bool { name.hasPrefix(".") && name.contains(".tmp-") }

    /// The failed `operation` on `url` with the system's reason and errno
    /// ("write: No space left on device (errno 28)"); call it right after the failing call.
    public static func ioError(_ url: URL, _ operation: String) -> CheckpointError {
        CheckpointError(file: url.path, problem: .io("\(operation): \(describe(errno: errno))"))
    }

    /// "No space left on device (errno 28)".
    public static func describe(errno code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }

    /// Reads a whole file, as a `CheckpointError` (I/O) on failure.
    public static func read(_ url: URL) throws -> [UInt8] {
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            throw CheckpointError(file: url.path, problem: .io(reason))
        }
    }
}

/// POSIX write(2) (the name `write` is taken by `AtomicFile.write` inside the type).
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}
