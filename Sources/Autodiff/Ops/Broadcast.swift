/// Pointwise ops of two tensors with broadcasting, each with its derivative.
///
/// Shapes broadcast like NumPy's restricted to 2-D: each operand either has
/// the output's size along an axis or size 1 there. So `[B, N] ⊕ [1, N]`
/// (a row added to every row), `[B, N] ⊕ [B, 1]` (a column to every column)
/// and `[B, N] ⊕ [1, 1]` (a scalar) all work. In the pullback, an operand's
/// gradient is summed over the axes it was broadcast along.
enum Binary {
    case add, sub, mul, div
    /// Elementwise minimum; on ties the gradient goes to the left operand.
    case min
    /// Elementwise maximum; on ties the gradient goes to the left operand.
    case max

    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float {
        switch self {
        case .add: return a + b
        case .sub: return a - b
        case .mul: return a * b
        case .div: return a / b
        case .min: return b < a ? b : a
        case .max: return b > a ? b : a
        }
    }

    /// (∂f/∂a, ∂f/∂b) at (a, b).
    @inline(__always) func partials(_ a: Float, _ b: Float) -> (Float, Float) {
        switch self {
        case .add: return (1, 1)
        case .sub: return (1, -1)
        case .mul: return (b, a)
        case .div: return (1 / b, -a / (b * b))
        case .min: return b < a ? (0, 1) : (1, 0)
        case .max: return b > a ? (0, 1) : (1, 0)
        }
    }
}

extension Tensor {
    public static func + (a: Tensor, b: Tensor) -> Tensor { a.tape.binary(.add, a, b) }
    public static func - (a: Tensor, b: Tensor) -> Tensor { a.tape.binary(.sub, a, b) }
    public static func * (a: Tensor, b: Tensor) -> Tensor { a.tape.binary(.mul, a, b) }
    public static func / (a: Tensor, b: Tensor) -> Tensor { a.tape.binary(.div, a, b) }
}

/// Elementwise min(a, b), broadcasting (PPO: min(r·A, clip(r)·A)).
public func minimum(_ a: Tensor, _ b: Tensor) -> Tensor { a.tape.binary(.min, a, b) }
/// Elementwise max(a, b), broadcasting.
public func maximum(_ a: Tensor, _ b: Tensor) -> Tensor { a.tape.binary(.max, a, b) }

/// Strides that read an operand of shape `rows × cols` at output (r, c).
struct BroadcastStrides {
    let row: Int
    let col: Int
    init(rows: Int, cols: Int) {
        row = rows == 1 ? 0 : cols
        col = cols == 1 ? 0 : 1
    }
}

extension Tape {
    func binary(_ kind: Binary, _ a: Tensor, _ b: Tensor) -> Tensor {
        let an = node(a).pointee, bn = node(b).pointee
        let rows = Swift.max(an.rows, bn.rows), cols = Swift.max(an.cols, bn.cols)
        require((an.rows == rows || an.rows == 1) && (bn.rows == rows || bn.rows == 1)
                && (an.cols == cols || an.cols == 1) && (bn.cols == cols || bn.cols == 1),
                "\(kind): shapes [\(an.rows), \(an.cols)] and [\(bn.rows), \(bn.cols)] do not broadcast")
        let out = record(rows: rows, cols: cols, op: .binary(kind, a.id, b.id),
                         needsGrad: an.grad != nil || bn.grad != nil)
        let y = nodes[Int(out.id)].value
        let av = an.value, bv = bn.value
        if an.count == rows * cols, bn.count == rows * cols {
            for i in 0..<(rows * cols) { y[i] = kind(av[i], bv[i]) }
            return out
        }
        let sa = BroadcastStrides(rows: an.rows, cols: an.cols)
        let sb = BroadcastStrides(rows: bn.rows, cols: bn.cols)
        for r in 0..<rows {
            let ap = av + r * sa.row, bp = bv + r * sb.row, yp = y + r * cols
            switch (sa.col, sb.col) {
            case (1, 1): for c in 0..<cols { yp[c] = kind(ap[c], bp[c]) }
            case (1, _): let s = bp[0]; for c in 0..<cols { yp[c] = kind(ap[c], s) }
            case (_, 1): let s = ap[0]; for c in 0..<cols { yp[c] = kind(s, bp[c]) }
            default: yp.update(repeating: kind(ap[0], bp[0]), count: cols)
            }
        }
        return out
    }

    func pullbackBinary(_ kind: Binary, _ a: Int32, _ b: Int32, _ node: Node) {
        let an = nodes[Int(a)], bn = nodes[Int(b)]
        let g = node.grad!, av = an.value, bv = bn.value
        let n = node.count
        if an.count == n, bn.count == n {
            if let (da, ow) = sink(a) {
                switch kind {
                case .add, .sub: store(da, ow, n) { g[$0] }
                case .mul: store(da, ow, n) { g[$0] * bv[$0] }
                case .div: store(da, ow, n) { g[$0] / bv[$0] }
                case .min, .max: store(da, ow, n) { g[$0] * kind.partials(av[$0], bv[$0]).0 }
                }
            }
            if let (db, ow) = sink(b) {
                switch kind {
                case .add: store(db, ow, n) { g[$0] }
                case .sub: store(db, ow, n) { -g[$0] }
                case .mul: store(db, ow, n) { g[$0] * av[$0] }
                case .div: store(db, ow, n) { -g[$0] * av[$0] / (bv[$0] * bv[$0]) }
                case .min, .max: store(db, ow, n) { g[$0] * kind.partials(av[$0], bv[$0]).1 }
                }
            }
            return
        }
        // Broadcast: sum each operand's contributions over the axes it spans.
        let rows = node.rows, cols = node.cols
        let sa = BroadcastStrides(rows: an.rows, cols: an.cols)
        let sb = BroadcastStrides(rows: bn.rows, cols: bn.cols)
        let da = accumulatingSink(a), db = accumulatingSink(b)
        for r in 0..<rows {
            for c in 0..<cols {
                let ia = r * sa.row + c * sa.col, ib = r * sb.row + c * sb.col
                let (pa, pb) = kind.partials(av[ia], bv[ib])
                let gv = g[r * cols + c]
                if let da { da[ia] += gv * pa }
                if let db { db[ib] += gv * pb }
            }
        }
    }
}
