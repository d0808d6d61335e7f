import CGSL

/// C = α·op(A)·op(B) + β·C through OpenBLAS's `cblas_sgemm` (row-major).
/// Transposes are BLAS flags, never copies; `lda`, `ldb`, `ldc` are the
/// stored row lengths.
///
/// OpenBLAS 0.3.21's small-matrix kernel for the row-major no-transpose case
/// mallocs a scratch block on every call when N mod 16 is 1…8 (e.g. a policy
/// head with 2 outputs). Such calls are split: the first multiple of 16
/// columns by sgemm, the last few columns by one sgemv each, so a training
/// step never touches the allocator.
@inline(__always)
func gemm(_ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int,
          _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
          beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float = 1) {
    let tail = n % 16
    if !transA, !transB, tail >= 1, tail <= 8, Double(m) * Double(n) * Double(k) <= 1e6 {
        let body = n - tail
        if body > 0 {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(body), Int32(k),
                        alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        }
        for j in body..<n {
            cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(k), alpha, a, Int32(lda),
                        b + j, Int32(ldb), beta, c + j, Int32(ldc))
        }
        return
    }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

extension Tensor {
    /// The matrix product self · other.
    public func matmul(_ other: Tensor) -> Tensor { tape.matmul(self, other) }
    /// Aᵀ as a new tensor (a copy; `matmul(_:_:transposeA:transposeB:)` avoids it).
    public func transposed() -> Tensor { tape.transpose(self) }
}

/// op(A)·op(B) with op = transpose when the flag is set:
/// [M, K]·[K, N] → [M, N]. Pullback (G = ∂L/∂C): ∂L/∂A = G·Bᵀ, ∂L/∂B = Aᵀ·G
/// (and their transposed forms), all as sgemm flags.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    a.tape.matmul(a, b, transposeA: transposeA, transposeB: transposeB)
}

extension Tape {
    func matmul(_ a: Tensor, _ b: Tensor, transposeA ta: Bool = false, transposeB tb: Bool = false) -> Tensor {
        let an = node(a).pointee, bn = node(b).pointee
        let m = ta ? an.cols : an.rows, k = ta ? an.rows : an.cols
        let kb = tb ? bn.cols : bn.rows, n = tb ? bn.rows : bn.cols
        require(k == kb, "matmul: inner sizes differ, [\(an.rows), \(an.cols)]\(ta ? "ᵀ" : "") · [\(bn.rows), \(bn.cols)]\(tb ? "ᵀ" : "")")
        let out = record(rows: m, cols: n, op: .matmul(a.id, b.id, transposeA: ta, transposeB: tb),
                         needsGrad: an.grad != nil || bn.grad != nil)
        gemm(ta, tb, m: m, n: n, k: k, an.value, lda: an.cols, bn.value, ldb: bn.cols,
             beta: 0, nodes[Int(out.id)].value, ldc: n)
        return out
    }

    func pullbackMatmul(_ a: Int32, _ b: Int32, _ ta: Bool, _ tb: Bool, _ node: Node) {
        let an = nodes[Int(a)], bn = nodes[Int(b)]
        let g = node.grad!
        let m = node.rows, n = node.cols, k = ta ? an.rows : an.cols
        if let (da, ow) = sink(a) {
            if ta { // A stored [K, M]: dA = op(B)·Gᵀ
                gemm(tb, true, m: k, n: m, k: n, bn.value, lda: bn.cols, g, ldb: n,
                     beta: ow ? 0 : 1, da, ldc: an.cols)
            } else { // dA = G·op(B)ᵀ
                gemm(false, !tb, m: m, n: k, k: n, g, lda: n, bn.value, ldb: bn.cols,
                     beta: ow ? 0 : 1, da, ldc: an.cols)
            }
        }
        if let (db, ow) = sink(b) {
            var flip = tb
            if case .transposeMatmulRightGradient = fault, k == n { flip.toggle() }
            if flip { // B stored [N, K]: dB = Gᵀ·op(A)
                gemm(true, ta, m: n, n: k, k: m, g, lda: n, an.value, ldb: an.cols,
                     beta: ow ? 0 : 1, db, ldc: bn.cols)
            } else { // dB = op(A)ᵀ·G
                gemm(!ta, false, m: k, n: n, k: m, an.value, lda: an.cols, g, ldb: n,
                     beta: ow ? 0 : 1, db, ldc: bn.cols)
            }
        }
    }

    func transpose(_ x: Tensor) -> Tensor {
        let xn = node(x).pointee
        let out = record(rows: xn.cols, cols: xn.rows, op: .transpose(x.id), needsGrad: xn.grad != nil)
        let y = nodes[Int(out.id)].value, v = xn.value
        for r in 0..<xn.rows {
            for c in 0..<xn.cols { y[c * xn.rows + r] = v[r * xn.cols + c] }
        }
        return out
    }

    func pullbackTranspose(_ x: Int32, _ node: Node) {
        guard let (dx, ow) = sink(x) else { return }
        let g = node.grad!
        let rows = nodes[Int(x)].rows, cols = nodes[Int(x)].cols
        for r in 0..<rows {
            let d = dx + r * cols
            if ow {
                for c in 0..<cols { d[c] = g[c * rows + r] }
            } else {
                for c in 0..<cols { d[c] += g[c * rows + r] }
            }
        }
    }
}
