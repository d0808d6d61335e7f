#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Witnesses that a training step allocates nothing.
///
/// - `heapBytesInUse`: glibc's `mallinfo2().uordblks`, bytes currently
///   allocated through malloc by anyone (Swift, OpenBLAS, GSL). Growth over
///   many steps means something is kept per step.
/// - `mallocCalls(during:)`: every malloc/realloc made while `body` runs,
///   counted by glibc's own tracer (`mtrace`). Since glibc 2.34 the tracer
///   lives in `libc_malloc_debug.so.0`, which must be preloaded, so callers
///   run the measurement in a child process started with
///   `mallocTraceEnvironment(file:)` added to its environment.
///
/// Diagnostic use only (tests and `populus bench engine`).
public enum AllocationCounter {
    /// Bytes currently allocated through malloc, or nil where unknown.
    public static var heapBytesInUse: Int? { mallocInUse() }

    /// Environment variables that make a child process able to count its
    /// malloc calls, tracing into `file`.
    public static func mallocTraceEnvironment(file: String) -> [String: String] {
        ["LD_PRELOAD": "libc_malloc_debug.so.0", "MALLOC_TRACE": file]
    }

    /// Whether this process can count malloc calls (started with
    /// `mallocTraceEnvironment`).
    public static var canTraceMalloc: Bool {
        guard let preload = getenv("LD_PRELOAD"), getenv("MALLOC_TRACE") != nil else { return false }
        return String(cString: preload).contains("libc_malloc_debug")
    }

    /// The number of malloc and realloc calls (from any library) made while
    /// `body` runs, read back from glibc's trace file; nil when this process
    /// cannot trace.
    public static func mallocCalls(during body: () throws -> Void) rethrows -> Int? {
        guard canTraceMalloc, let file = getenv("MALLOC_TRACE").map({ String(cString: $0) }),
              let on = tracerSymbol("mtrace"), let off = tracerSymbol("muntrace")
        else {
            try body()
            return nil
        }
        typealias Toggle = @convention(c) () -> Void
        unsafeBitCast(on, to: Toggle.self)()
        try body()
        unsafeBitCast(off, to: Toggle.self)()
        return countAllocations(inTrace: file)
    }

    /// libc_malloc_debug's working `mtrace`/`muntrace` are compatibility
    /// symbols (`@GLIBC_2.2.5`, not default), so plain `dlsym` finds libc's
    /// no-op stubs; `dlvsym` (itself looked up by name: it sits behind
    /// _GNU_SOURCE) asks for the versioned one in the debug library.
    static func tracerSymbol(_ name: String) -> UnsafeMutableRawPointer? {
        typealias DLVSym = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> UnsafeMutableRawPointer?
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "dlvsym"),
              let lib = dlopen("libc_malloc_debug.so.0", RTLD_NOW | RTLD_NOLOAD) else { return nil }
        return unsafeBitCast(sym, to: DLVSym.self)(lib, name, "GLIBC_2.2.5")
    }

    /// Counts "+" (malloc) and ">" (realloc result) records between the
    /// tracer's "= Start" and "= End" lines.
    static func countAllocations(inTrace path: String) -> Int? {
        guard let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var count = 0
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        while getline(&line, &capacity, f) > 0 {
            let s = String(cString: line!)
            if s.contains(" + ") || s.contains(" > ") { count += 1 }
        }
        free(line)
        return count
    }
}

/// glibc's `mallinfo2()` through `dlsym` (Swift's Glibc module leaves out
/// malloc.h). It returns a 10-word struct by value; on x86-64 System V that
/// means the caller passes the result's address as a hidden first argument,
/// which is exactly a C function taking one pointer. Other platforms: nil.
private func mallocInUse() -> Int? {
    #if os(Linux) && arch(x86_64)
    typealias MallInfo2 = @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer?
    guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallinfo2") else { return nil }
    let call = unsafeBitCast(sym, to: MallInfo2.self)
    var words = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0) // arena … keepcost, all size_t
    return withUnsafeMutableBytes(of: &words) { raw in
        _ = call(raw.baseAddress!)
        return raw.load(fromByteOffset: 7 * 8, as: Int.self) // uordblks
    }
    #else
    return nil
    #endif
}
