/// A buffer that concurrent workers write at disjoint indices (each index by
/// one worker only), e.g. one slot per (member, episode) of a parallel loop.
/// It does not own the memory: wrap a buffer for the duration of the loop.
///
///     var out = [Float](repeating: 0, count: n)
///     out.withUnsafeMutableBufferPointer { buffer in
///         let slots = DisjointWrites(buffer)
///         concurrentForEach(n, threads: 2) { i, _ in slots[i] = f(i) }
///     }
public struct DisjointWrites<Element>: @unchecked Sendable {
    public let base: UnsafeMutableBufferPointer<Element>

    public init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }

    public subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}

/// Owned storage with one slot per work item, written by concurrent workers
/// at disjoint indices and read once they are done (results of a parallel
/// loop that outlive it).
///
///     let slots = DisjointSlots<Int>(count: units, initial: 0)
///     concurrentForEach(units, threads: 2) { u, _ in slots[u] = steps(u) }
///     let total = slots.values.reduce(0, +)
public final class DisjointSlots<Element>: @unchecked Sendable {
    public let count: Int
    private let storage: UnsafeMutablePointer<Element>

    public init(count: Int, initial: Element) {
        precondition(count >= 0, "DisjointSlots: negative count \(count)")
        self.count = count
        storage = .allocate(capacity: max(count, 1))
        storage.initialize(repeating: initial, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// Slot `i`; each slot is written by one worker only.
    public subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < count, "DisjointSlots: slot \(i) outside 0..<\(count)")
            return storage[i]
        }
        set {
            precondition(i >= 0 && i < count, "DisjointSlots: slot \(i) outside 0..<\(count)")
            storage[i] = newValue
        }
    }

    /// Every slot, in index order (read after the workers are done).
    public var values: [Element] { (0..<count).map { storage[$0] } }
}
