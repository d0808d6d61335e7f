/// One recorded operation: its output's storage and how it was made.
///
/// Nodes are plain values in one flat buffer owned by the tape: recording an
/// op allocates nothing once the tape has warmed up, and the backward pass is
/// a loop over this buffer that switches on `op` (no closures, no boxes).
struct Node {
    /// The output values (row-major `rows × cols`), in the tape's arena, a
    /// parameter set, or aliased from an input (reshape, row slices).
    var value: UnsafeMutablePointer<Float>
    /// ∂loss/∂value, or nil when no gradient needs to flow through this node.
    var grad: UnsafeMutablePointer<Float>?
    var rows: Int
    var cols: Int
    var op: Op
    /// Extra per-op storage: gather indices, concat operands, conv columns.
    var aux: UnsafeMutableRawPointer?
    /// Whether `grad` holds a value in the current backward pass. Until it
    /// does, the first pullback to reach it writes instead of adding, which
    /// saves zero-filling every gradient buffer each step.
    var gradWritten: Bool
    /// Parameter gradients live in their `ParameterSet` and always accumulate.
    var isParameter: Bool

    @inline(__always) var count: Int { rows * cols }
}

/// What produced a node, with the operand node indices its pullback needs.
enum Op {
    case leaf
    case unary(Unary, Int32)
    case binary(Binary, Int32, Int32)
    case matmul(Int32, Int32, transposeA: Bool, transposeB: Bool)
    case linear(x: Int32, w: Int32, b: Int32, Activation)
    case sumAll(Int32)
    case meanAll(Int32)
    case sumAxis(Int32, axis: Int8, mean: Bool)
    case reshape(Int32)
    case transpose(Int32)
    case concat(count: Int32, axis: Int8)
    case sliceRows(Int32, start: Int32)
    case sliceColumns(Int32, start: Int32)
    case repeatRows(Int32)
    case gatherRows(Int32)
    case pick(Int32)
    case logSoftmax(Int32)
    case softmax(Int32)
    case conv1d(x: Int32, w: Int32, b: Int32, kernel: Int32, stride: Int32)

    /// The op's family, for diagnostics and the test-only fault hook.
    var family: OpFamily {
        switch self {
        case .leaf: return .leaf
        case .unary: return .unary
        case .binary: return .binary
        case .matmul: return .matmul
        case .linear: return .linear
        case .sumAll, .meanAll, .sumAxis: return .reduction
        case .reshape, .transpose, .concat, .sliceRows, .sliceColumns, .repeatRows: return .shape
        case .gatherRows, .pick: return .gather
        case .logSoftmax, .softmax: return .softmax
        case .conv1d: return .conv1d
        }
    }
}

/// Families of ops (one source file each under `Ops/`).
enum OpFamily: Sendable {
    case leaf, unary, binary, matmul, linear, reduction, shape, gather, softmax, conv1d
}

/// A deliberately wrong pullback, switched on only by tests to prove that the
/// finite-difference checker catches real mistakes.
enum PullbackFault {
    /// Multiplies the incoming gradient of every op of a family (a dropped or
    /// extra factor, like forgetting the 2 in d(x²)).
    case scaleUpstream(OpFamily, Float)
    /// Writes the transpose of the right operand's gradient in `matmul`
    /// (meaningful for square operands).
    case transposeMatmulRightGradient
}
