import Parallel

/// The evaluation backend of one process: units are pulled from a shared
/// counter by up to `threads` Dispatch workers (`concurrentForEach`), each
/// result written to its own slot.
///
///     let backend = LocalBackend(threads: 2)
///     let squares = try backend.map(10) { unit, _ in unit * unit }   // [0, 1, 4, …, 81]
public struct LocalBackend: EvaluationBackend {
    public let threads: Int

    /// `threads` workers (at least one); the processor count by default.
    public init(threads: Int = defaultThreadCount) {
        self.threads = max(1, threads)
    }

    public var isLocal: Bool { true }

    public func map<Result: UnitResult>(_ count: Int,
                                        _ work: @Sendable (_ unit: Int, _ worker: Int) throws -> Result) throws -> [Result] {
        guard count > 0 else { return [] }
        let results = DisjointSlots<Result?>(count: count, initial: nil)
        let failures = DisjointSlots<(any Error)?>(count: count, initial: nil)
        concurrentForEach(count, threads: threads) { unit, worker in
            do {
                results[unit] = try work(unit, worker)
            } catch {
                failures[unit] = error
            }
        }
        if let failure = failures.values.lazy.compactMap({ $0 }).first { throw failure }
        return results.values.map { $0! }
    }
}
