import Autodiff
import Foundation

extension BenchEngine {
    static let allocationSteps = 10_000

    /// What 10,000 steady-state MLP steps (batch 64) allocated: tape storage
    /// growths, the change in malloc'd bytes in use, and every malloc call as
    /// counted by glibc's tracer. Measured in a fresh child process (the
    /// tracer must be preloaded, and a fresh process has no unrelated
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

    private func measureAllocationFigures(countMalloc: Bool) -> [String: Int] {
        let step = MLPStep(batch: 64)
        for _ in 0..<10 { step.run() } // warm-up: the tape finds its size
        let growthBefore = step.tape.storageGrowthCount
        let heapBefore = AllocationCounter.heapBytesInUse
        var calls: Int?
        if countMalloc {
            calls = AllocationCounter.mallocCalls { for _ in 0..<Self.allocationSteps { step.run() } }
        } else {
            for _ in 0..<Self.allocationSteps { step.run() }
        }
        var figures = ["alloc_tape_growths": step.tape.storageGrowthCount - growthBefore]
        if let before = heapBefore, let after = AllocationCounter.heapBytesInUse {
            figures["alloc_heap_growth_bytes"] = after - before
        }
        figures["alloc_malloc_calls"] = calls
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
