import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first SIGINT (Ctrl-C) or SIGTERM asks a run to stop after the current
/// generation and write a checkpoint; a second one kills it at once (the
/// checkpoints on disk stay intact either way: they are written atomically).
public enum StopSignal {
    /// True once SIGINT or SIGTERM arrived.
    public static var requested: Bool { received != 0 }

    /// The signal that arrived first (SIGINT or SIGTERM), 0 when none has.
    public static var received: Int32 { stopSignal.load(ordering: .relaxed) }

    /// Installs the handlers (idempotent).
    public static func install() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { number in
                _ = stopSignal.compareExchange(expected: 0, desired: number, ordering: .relaxed)
                signal(number, SIG_DFL) // the next one terminates
            }
        }
    }
}

private let stopSignal = Atomic<Int32>(0)
