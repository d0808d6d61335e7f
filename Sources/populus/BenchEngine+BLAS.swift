import Autodiff
import CGSL
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which shared object a symbol comes from, and GSL's reference CBLAS.
enum BLASProbe {
    typealias Sgemm = @convention(c) (CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int32, Int32, Int32,
                                      Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32,
                                      Float, UnsafeMutablePointer<Float>?, Int32) -> Void

    /// The library that defines `symbol` for this process (`dlsym` with
    /// RTLD_DEFAULT, then `dladdr`): the one calls actually bind to, as the
    /// loader named it and as a file after resolving symlinks.
    static func libraryDefining(_ symbol: String) -> (loaded: String, file: String)? {
        let everywhere = UnsafeMutableRawPointer(bitPattern: 0) // RTLD_DEFAULT
        guard let address = dlsym(everywhere, symbol), let dladdrSym = dlsym(everywhere, "dladdr") else { return nil }
        // dladdr and Dl_info sit behind _GNU_SOURCE, which Swift's Glibc
        // module leaves out: call it through dlsym with Dl_info's layout
        // (four pointers: dli_fname, dli_fbase, dli_sname, dli_saddr).
        typealias DLAddr = @convention(c) (UnsafeRawPointer?, UnsafeMutableRawPointer?) -> Int32
        let dladdr = unsafeBitCast(dladdrSym, to: DLAddr.self)
        var info: (UnsafePointer<CChar>?, UnsafeRawPointer?, UnsafePointer<CChar>?, UnsafeRawPointer?) = (nil, nil, nil, nil)
        let found = withUnsafeMutableBytes(of: &info) { dladdr(address, $0.baseAddress) }
        guard found != 0, let name = info.0 else { return nil }
        let loaded = String(cString: name)
        guard let resolved = realpath(loaded, nil) else { return (loaded, loaded) }
        defer { free(resolved) }
        return (loaded, String(cString: resolved))
    }

    /// OpenBLAS's own description of its build and the kernel it chose.
    static var openBLASConfig: String {
        openblas_get_config().map { String(cString: $0) } ?? "unknown"
    }

    /// GSL's reference `cblas_sgemm`, loaded on its own for contrast.
    static func gslReferenceSgemm() -> Sgemm? {
        guard let handle = dlopen("libgslcblas.so.0", RTLD_NOW | RTLD_LOCAL),
              let sym = dlsym(handle, "cblas_sgemm") else { return nil }
        return unsafeBitCast(sym, to: Sgemm.self)
    }
}

extension BenchEngine {
    /// Raw sgemm C = A·B at n × n × n: 2n³ flops per call.
    func measureSgemm(into report: inout BenchReport) {
        let openblas: BLASProbe.Sgemm = cblas_sgemm
        for n in [256, 1024] {
            report.number("sgemm_gflops_\(n)", sgemmGflops(openblas, n: n), unit: "GFLOP/s")
        }
        if let reference = BLASProbe.gslReferenceSgemm() {
            report.number("gslcblas_sgemm_gflops_256", sgemmGflops(reference, n: 256, budget: 0.5), unit: "GFLOP/s")
            report.number("openblas_over_gslcblas_256",
                          sgemmGflops(openblas, n: 256, budget: 0.3) / sgemmGflops(reference, n: 256, budget: 0.3))
        } else {
            report.note("libgslcblas.so.0 not found: reference CBLAS not timed")
        }
    }

    private func sgemmGflops(_ sgemm: BLASProbe.Sgemm, n: Int, budget: Double? = nil) -> Double {
        var a = [Float](repeating: 0, count: n * n), b = a
        var c = [Float](repeating: 0, count: n * n)
        for i in 0..<(n * n) {
            a[i] = Float(i % 13) / 13 - 0.5
            b[i] = Float(i % 7) / 7 - 0.5
        }
        let t = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    bestTime(seconds: budget ?? seconds, batch: n >= 1024 ? 2 : 20) {
                        sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n),
                              1, pa.baseAddress, Int32(n), pb.baseAddress, Int32(n), 0, pc.baseAddress, Int32(n))
                    }
                }
            }
        }
        return 2 * Double(n * n * n) / t / 1e9
    }
}
