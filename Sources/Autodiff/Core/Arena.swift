/// Bump-pointer storage for one step's tensors, reused across steps.
///
/// Memory comes in chunks that never move, so pointers handed out stay valid
/// until `reset()`. When one step outgrows the chunks, `reset()` merges them
/// into a single chunk of the total size, so from the second identical step on
/// nothing is allocated at all (the steady state the engine is built for).
struct Arena<Element> {
    private var bases: [UnsafeMutablePointer<Element>] = []
    private var capacities: [Int] = []
    private var chunk = 0
    private var used = 0
    /// How many times this arena has asked the system for memory.
    private(set) var allocations = 0

    /// Elements are handed out in multiples of 16 so every block starts on a
    /// 64-byte boundary when `Element` is 4 bytes wide (full SIMD lanes).
    private static var granule: Int { 16 }

    init() {}

    /// Total elements owned across chunks.
    var capacity: Int { capacities.reduce(0, +) }

    @inline(__always)
    mutating func allocate(_ count: Int) -> UnsafeMutablePointer<Element> {
        let n = (count + Self.granule - 1) & ~(Self.granule - 1)
        if chunk < bases.count, used + n <= capacities[chunk] {
            let p = bases[chunk] + used
            used += n
            return p
        }
        return allocateSlow(n)
    }

    private mutating func allocateSlow(_ n: Int) -> UnsafeMutablePointer<Element> {
        // Move on to the next existing chunk that can hold the block.
        while chunk + 1 < bases.count {
            chunk += 1
            used = 0
            if n <= capacities[chunk] {
                used = n
                return bases[chunk]
            }
        }
        let size = max(n, max(capacity, 4096))
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: size * MemoryLayout<Element>.stride, alignment: 64)
        let base = raw.bindMemory(to: Element.self, capacity: size)
        bases.append(base)
        capacities.append(size)
        allocations += 1
        chunk = bases.count - 1
        used = n
        return base
    }

    /// Forgets every block (their memory is reused by the next step).
    mutating func reset() {
        if bases.count > 1 {
            let total = capacity
            release()
            let raw = UnsafeMutableRawPointer.allocate(
                byteCount: total * MemoryLayout<Element>.stride, alignment: 64)
            bases = [raw.bindMemory(to: Element.self, capacity: total)]
            capacities = [total]
            allocations += 1
        }
        chunk = 0
        used = 0
    }

    /// Returns every chunk to the system.
    mutating func release() {
        for b in bases { UnsafeMutableRawPointer(b).deallocate() }
        bases.removeAll()
        capacities.removeAll()
        chunk = 0
        used = 0
    }
}
