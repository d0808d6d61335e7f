import Dispatch
import Foundation
import Synchronization

/// Runs `body(item, worker)` once for every item in 0..<count on up to
/// `threads` workers (`DispatchQueue.concurrentPerform`), workers pulling
/// items from a shared counter so uneven items balance out.
///
/// Determinism is the caller's contract: `body` must write only what belongs
/// to `item` (never accumulate across items), so the result is the same for
/// any thread count and any schedule. `worker` ∈ 0..<threads indexes
/// per-thread scratch space.
///
///     let squares = DisjointSlots<Double>(count: 100, initial: 0)
///     concurrentForEach(100, threads: 4) { i, _ in squares[i] = Double(i * i) }
public func concurrentForEach(_ count: Int, threads: Int, _ body: @Sendable (_ item: Int, _ worker: Int) -> Void) {
    guard count > 0 else { return }
    let workers = max(1, min(threads, count))
    if workers == 1 {
        for i in 0..<count { body(i, 0) }
        return
    }
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        while true {
            let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
            if item >= count { break }
            body(item, worker)
        }
    }
}

/// The number of threads used when none is given: the active processor count.
public var defaultThreadCount: Int { ProcessInfo.processInfo.activeProcessorCount }
