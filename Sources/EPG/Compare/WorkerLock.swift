import Foundation

/// A mutex with a closure API (Foundation's `NSLock`), for the few places
/// workers hand results back; never on a hot path.
final class WorkerLock: @unchecked Sendable {
    private let lock = NSLock()
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
