import Foundation
import PopulusKit

extension BenchEngine {
    static let allocationSteps = 10_000

    /// What 10,000 steady-state MLP steps (batch 64) allocated: tape storage
    /// growths, the change in malloc'd bytes in use, and every malloc call as
    /// counted by glibc's tracer. Measured in a fresh child process (the
    /// tracer must be preloaded, and a fresh process has little unrelated
    /// allocator traffic); in this process if the child cannot run.
    func measureAllocations(into report: inout BenchReport) {
        let steps = Self.allocationSteps
        report.number("alloc_steps", Double(steps))
        let figures = allocationFiguresInChild() ?? {
            report.note("allocation probe child failed; measured in this process without a malloc count")
            return measureAllocationFigures(countMalloc: false)
        }()
        for (key, unit) in [("alloc_tape_growths", "in \(steps) steps"),
                            ("alloc_heap_growth_bytes", "bytes over \(steps) steps"),
                            ("alloc_malloc_calls", "malloc calls in \(steps) steps")] {
            if let v = figures[key] {
                report.number(key, Double(v), unit: unit)
            } else if key == "alloc_malloc_calls" {
                report.note("malloc calls not counted (needs glibc's libc_malloc_debug.so.0)")
            }
        }
    }

    /// Child side of `--malloc-probe`: prints the figures as one JSON line.
    func runMallocProbe() throws {
        let figures = measureAllocationFigures(countMalloc: true)
        let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    /// Three windows of `allocationSteps` steps after warm-up; each figure
    /// is the least over the windows. The malloc tracer and the heap total
    /// see every thread, and a runtime thread (libdispatch's) occasionally
    /// allocates once during a window; a per-step allocation would show in
    /// every window, ten thousand times over.
    private func measureAllocationFigures(countMalloc: Bool) -> [String: Int] {
        let step = MLPStep(batch: 64)
        for _ in 0..<10 { step.run() } // warm-up: the tape finds its size
        let window = { for _ in 0..<Self.allocationSteps { step.run() } }
        var figures: [String: Int] = [:]
        func keepLeast(_ key: String, _ value: Int?) {
            guard let value else { return }
            figures[key] = min(figures[key] ?? value, value)
        }
        for _ in 0..<3 {
            let growthBefore = step.tape.storageGrowthCount
            let heapBefore = AllocationCounter.heapBytesInUse
            let calls = countMalloc ? AllocationCounter.mallocCalls(during: window) : { window(); return nil }()
            keepLeast("alloc_tape_growths", step.tape.storageGrowthCount - growthBefore)
            if let before = heapBefore, let after = AllocationCounter.heapBytesInUse {
                keepLeast("alloc_heap_growth_bytes", after - before)
            }
            keepLeast("alloc_malloc_calls", calls)
        }
        return figures
    }

    private func allocationFiguresInChild() -> [String: Int]? {
        let trace = FileManager.default.temporaryDirectory
            .appendingPathComponent("populus-malloc-\(ProcessInfo.processInfo.processIdentifier).trace").path
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["bench", "engine", "--malloc-probe"]
        process.environment = ProcessInfo.processInfo.environment
            .merging(AllocationCounter.mallocTraceEnvironment(file: trace)) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
              let figures = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Int]
        else { return nil }
        return figures
    }
}
