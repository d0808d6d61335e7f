import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT (Ctrl-C) and SIGTERM stop a driven run at once, not at the end of
/// the generation: the work in flight is dropped (a resume recomputes it
/// bit for bit), the newest complete checkpoint stays as it is, and the
/// process exits 128 + the signal (130, 143) with one line on stderr saying
/// what was kept and how to continue. A second signal exits at once.
///
/// How: the handler only records the signal and writes a byte to a pipe
/// (async-signal-safe); a watcher thread reads it, waits for any write the
/// driver has under way (`whileWriting`: a checkpoint, a metrics row, side
/// files — each short), and ends the process with `_exit`, so no file is
/// left half-written and no generation has to finish first.
public enum StopSignal {
    /// True once SIGINT or SIGTERM arrived.
    public static var requested: Bool { received != 0 }

    /// The signal that arrived first (SIGINT or SIGTERM), 0 when none has.
    public static var received: Int32 { stopSignal.load(ordering: .relaxed) }

    /// Installs the handlers and starts the watcher (idempotent). Until a run
    /// is `watch`ed, a signal ends the process at once (nothing to keep yet).
    public static func install() {
        guard !installed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = wakeUp // the pipe exists before any handler can touch it
        Thread.detachNewThread {
            var byte: UInt8 = 0
            while read(wakeUp.read, &byte, 1) < 0 && errno == EINTR {}
            leave(received)
        }
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { number in
                let (first, _) = stopSignal.compareExchange(expected: 0, desired: number, ordering: .relaxed)
                guard first else { _exit(128 + number) } // the second signal
                var byte: UInt8 = 1
                _ = write(wakeUp.write, &byte, 1)
            }
        }
    }

    /// The run being driven (its directory, for the farewell line), or nil.
    public static func watch(_ path: String?) { watched.withLock { $0 = path } }

    /// The driver's notes for the farewell line: generations complete, and
    /// the generation of the newest checkpoint on disk (−1: none yet).
    public static func note(generation: Int) { completed.store(generation, ordering: .relaxed) }
    public static func note(checkpoint generation: Int) { checkpointed.store(generation, ordering: .relaxed) }

    /// Runs `body` (a write to the run directory) so that a stop waits for it
    /// to end rather than cutting it short. Reentrant.
    public static func whileWriting<T>(_ body: () throws -> T) rethrows -> T {
        writing.lock()
        defer { writing.unlock() }
        return try body()
    }

    /// Ends the process for `signal` once (any later caller waits for that
    /// exit): waits for a write under way, prints the farewell line, `_exit`s.
    public static func leave(_ signal: Int32, midGeneration: Bool = true) -> Never {
        if leaving.exchange(true, ordering: .acquiringAndReleasing) {
            while true { pause() }
        }
        writing.lock()
        let line = farewell(signal, midGeneration: midGeneration)
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        _exit(128 + signal)
    }

    /// "stopped by SIGTERM: checkpoint of generation 12 kept (generation 13 dropped, …); continue with: …".
    static func farewell(_ signal: Int32, midGeneration: Bool) -> String {
        let name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)"
        let start = isatty(STDOUT_FILENO) == 1 ? "\n" : "" // below a progress line rewritten in place
        guard let path = watched.withLock({ $0 }) else { return "\(start)stopped by \(name)\n" }
        let kept = checkpointed.load(ordering: .relaxed)
        let done = completed.load(ordering: .relaxed)
        guard kept >= 0 else { return "\(start)stopped by \(name) before \(path) had a checkpoint: nothing to resume\n" }
        let last = midGeneration ? done + 1 : done
        let dropped = last <= kept ? "" : last == kept + 1 ? " (generation \(last) dropped, recomputed exactly on resume)"
            : " (generations \(kept + 1)–\(last) dropped, recomputed exactly on resume)"
        return "\(start)stopped by \(name): checkpoint of generation \(kept) kept\(dropped); continue with: populus resume \(path)\n"
    }
}

private let stopSignal = Atomic<Int32>(0)
private let installed = Atomic<Bool>(false)
private let leaving = Atomic<Bool>(false)
private let completed = Atomic<Int>(0)
private let checkpointed = Atomic<Int>(-1)
private let watched = Mutex<String?>(nil)
private let writing = NSRecursiveLock()
/// The self-pipe from the handler to the watcher thread.
private let wakeUp: (read: Int32, write: Int32) = {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { fatalError("pipe(2) failed: \(String(cString: strerror(errno)))") }
    _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    return (fds[0], fds[1])
}()
