import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first Ctrl-C (or SIGTERM) asks a run to stop after the current
/// generation and write a checkpoint; a second one kills it at once (the
/// checkpoints on disk stay intact either way: they are written atomically).
enum Interrupt {
    /// True once SIGINT or SIGTERM arrived.
    static var requested: Bool { interruptFlag.load(ordering: .relaxed) }

    static func install() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { number in
                interruptFlag.store(true, ordering: .relaxed)
                signal(number, SIG_DFL) // the next one terminates
            }
        }
    }
}

private let interruptFlag = Atomic<Bool>(false)
