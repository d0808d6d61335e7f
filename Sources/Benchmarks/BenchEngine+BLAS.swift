import CGSL
import Foundation
import PopulusKit
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

/// Square matrices for timing `C = A·B` with some sgemm.
final class SgemmProbe {
    let n: Int
    let a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>

    init(n: Int) {
        self.n = n
        a = .allocate(capacity: n * n)
        b = .allocate(capacity: n * n)
        c = .allocate(capacity: n * n)
        for i in 0..<(n * n) {
            a[i] = Float(i % 13) / 13 - 0.5
            b[i] = Float(i % 7) / 7 - 0.5
            c[i] = 0
        }
    }

    deinit {
        a.deallocate()
        b.deallocate()
        c.deallocate()
    }

    /// One n × n × n product: 2n³ flops.
    func run(_ sgemm: BLASProbe.Sgemm) {
        let m = Int32(n)
        sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, m, m, 1, a, m, b, m, 0, c, m)
    }

    var flops: Double { 2 * Double(n * n * n) }
}

extension BenchEngine {
    /// Raw OpenBLAS sgemm against the engine's Dense forward + backward at
    /// n = 256 and 1024 (timed in alternation, so the ratio is fair on a busy
    /// machine), then GSL's reference CBLAS at 256 for contrast.
    func measureSgemmAndDense(into report: inout BenchReport) {
        let openblas: BLASProbe.Sgemm = cblas_sgemm
        for n in [256, 1024] {
            let probe = SgemmProbe(n: n)
            let dense = DenseStep(width: n, batch: n)
            let t = bestTimes(seconds: 2 * seconds, batch: n >= 1024 ? 2 : 10,
                              [{ probe.run(openblas) }, { dense.run() }])
            let sgemm = probe.flops / t[0] / 1e9, engine = 3 * probe.flops / t[1] / 1e9
            report.number("sgemm_gflops_\(n)", sgemm, unit: "GFLOP/s")
            report.number("dense_gflops_\(n)", engine, unit: "GFLOP/s (forward + backward = 3 products)")
            report.number("dense_over_sgemm_\(n)", engine / sgemm)
        }
        guard let reference = BLASProbe.gslReferenceSgemm() else {
            report.note("libgslcblas.so.0 not found: reference CBLAS not timed")
            return
        }
        let probe = SgemmProbe(n: 256)
        let t = bestTimes(seconds: 0.6, batch: 1, [{ probe.run(openblas) }, { probe.run(reference) }])
        report.number("gslcblas_sgemm_gflops_256", probe.flops / t[1] / 1e9, unit: "GFLOP/s (GSL's reference CBLAS)")
        report.number("openblas_over_gslcblas_256", t[1] / t[0])
    }
}
