#if FUZZING
import Foundation

/// libFuzzer's entry point when the program has its own `main` (it links
/// `libclang_rt.fuzzer`, whose `main` is then not pulled from the archive):
/// parses libFuzzer's flags from argv and calls `callback` per input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Fuzzing one target under libFuzzer (a `-sanitize=fuzzer` build with `-DFUZZING`).
enum LibFuzzer {
    /// The limits every run gets unless the command line overrides them:
    /// an input may take 10 s and the process 2 GB (no seed input needs
    /// more than a few MB), and one allocation may not exceed 512 MB. Leaks
    /// are not findings: Swift's lazily made globals read as leaked.
    static let defaults = ["-rss_limit_mb=2048", "-malloc_limit_mb=512", "-timeout=10", "-detect_leaks=0"]

    nonisolated(unsafe) static var target: FuzzTarget?

    /// Runs libFuzzer on `target` with `arguments` (flags and corpus directories).
    static func run(_ target: FuzzTarget, arguments: [String]) -> Int32 {
        Self.target = target
        let all = [CommandLine.arguments[0]] + defaults + arguments
        var argv: [UnsafeMutablePointer<CChar>?] = all.map { strdup($0) } + [nil]
        var argc = Int32(all.count)
        return argv.withUnsafeMutableBufferPointer { buffer in
            var base: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
            return LLVMFuzzerRunDriver(&argc, &base) { data, size in
                let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
                _ = try? LibFuzzer.target?.run(bytes)
                return 0
            }
        }
    }
}
#endif
