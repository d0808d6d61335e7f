import CGSL

/// The gradient engine: records tensor operations for one training step and
/// runs their pullbacks in reverse (reverse-mode automatic differentiation).
///
/// Build a model once (its weights live in a `ParameterSet`), keep one tape
/// and one optimizer per agent, and per step: reset the tape, run the forward
/// pass, call `backward`, step the optimizer.
///
///     import Autodiff
///     import Random
///
///     let rng = RandomStream(seed: 7, path: ["init", 0])
///     let params = ParameterSet()
///     let mlp = MLP(sizes: [8, 64, 64, 2], activation: .tanh, in: params, rng: rng)
///     let adam = Adam(for: params, learningRate: 3e-4)
///     let tape = Tape()
///
///     for _ in 0..<steps {
///         tape.reset()                                   // keeps its memory
///         let x = tape.constant(observations, rows: 64, cols: 8)
///         let y = tape.constant(targets, rows: 64, cols: 2)
///         let loss = (mlp(x) - y).squared().mean()       // forward
///         tape.backward(loss)                            // params.gradients = ∂loss/∂θ
///         params.clipGradients(maxNorm: 0.5)             // optional, returns the norm
///         adam.step()                                    // θ ← Adam(θ, ∂loss/∂θ)
///         print(loss.scalar)
///     }
///
/// Tensors are 2-D (`rows × cols`, row-major; a scalar is 1 × 1, a vector a
/// row). A `Tensor` is a handle into this tape, valid until the next
/// `reset()`. After warm-up a step allocates nothing: node records sit in one
/// flat buffer, values and gradients in a chunked arena kept across resets,
/// parameters and their gradients in the `ParameterSet`.
///
/// Threads: a tape, its parameter sets and optimizers belong to one thread at
/// a time. Independent agents train in parallel by each building their own
/// (for example inside a `DispatchQueue.concurrentPerform` iteration).
public final class Tape {
    var nodes: UnsafeMutablePointer<Node>
    var nodeCount = 0
    var nodeCapacity: Int
    var floats = Arena<Float>()
    var indices = Arena<Int32>()
    /// Trainable parameter sets read by this step; `backward` zeroes their
    /// gradients. Raw storage: iterating a Swift array through its generic
    /// iterator mallocs a coroutine frame in unoptimised builds.
    var boundSets: UnsafeMutablePointer<Unmanaged<ParameterSet>>
    var boundCount = 0
    var boundCapacity = 4
    /// Incremented by `reset()`; tensors from an earlier step are refused.
    var epoch: UInt32 = 0
    var nodeGrowths = 0
    /// Test-only: a deliberately wrong pullback (see `PullbackFault`).
    var fault: PullbackFault?

    /// A tape with room for `nodes` records before it first grows.
    public init(nodes: Int = 64) {
        configureSingleThreadedBLAS()
        nodeCapacity = max(nodes, 8)
        self.nodes = .allocate(capacity: nodeCapacity)
        boundSets = .allocate(capacity: boundCapacity)
    }

    deinit {
        nodes.deallocate()
        boundSets.deallocate()
        floats.release()
        indices.release()
    }

    /// Forgets every recorded op and tensor, keeping all memory for reuse.
    public func reset() {
        nodeCount = 0
        epoch &+= 1
        floats.reset()
        indices.reset()
        boundCount = 0
    }

    /// How often this tape has had to ask for memory so far. Constant across
    /// steps once warmed up: the allocation-discipline tests watch it.
    public var storageGrowthCount: Int { nodeGrowths + floats.allocations + indices.allocations }

    /// Floats of step storage currently owned (values, gradients, scratch).
    public var arenaCapacity: Int { floats.capacity }

    /// Ops recorded since the last reset.
    public var recordedCount: Int { nodeCount }

    // MARK: Recording

    /// The node behind a tensor, after checking it belongs to this step.
    @inline(__always)
    func node(_ t: Tensor) -> UnsafeMutablePointer<Node> {
        require(t.tape === self, "tensor used with a tape it was not recorded on")
        require(t.epoch == epoch, "tensor used after its tape was reset")
        return nodes + Int(t.id)
    }

    /// Appends a node whose values are freshly allocated in the arena (or
    /// aliased from `alias`), with a gradient buffer when `needsGrad`.
    @inline(__always)
    func record(rows: Int, cols: Int, op: Op, needsGrad: Bool,
                alias: UnsafeMutablePointer<Float>? = nil,
                aux: UnsafeMutableRawPointer? = nil) -> Tensor {
        if nodeCount == nodeCapacity { growNodes() }
        let n = rows * cols
        let value = alias ?? floats.allocate(n)
        let grad = needsGrad ? floats.allocate(n) : nil
        (nodes + nodeCount).initialize(to: Node(
            value: value, grad: grad, rows: rows, cols: cols, op: op, aux: aux,
            gradWritten: false, isParameter: false))
        nodeCount += 1
        return Tensor(tape: self, id: Int32(nodeCount - 1), epoch: epoch, rows: rows, cols: cols)
    }

    private func growNodes() {
        let bigger = UnsafeMutablePointer<Node>.allocate(capacity: nodeCapacity * 2)
        bigger.moveInitialize(from: nodes, count: nodeCount)
        nodes.deallocate()
        nodes = bigger
        nodeCapacity *= 2
        nodeGrowths += 1
    }

    /// Scratch floats valid until `reset()` (for ops' temporaries).
    @inline(__always)
    func scratch(_ count: Int) -> UnsafeMutablePointer<Float> { floats.allocate(count) }

    /// Copies indices into step storage, checking each is in `0..<bound`.
    func storeIndices<C: Collection>(_ source: C, bound: Int, what: String)
        -> UnsafeMutablePointer<Int32> where C.Element: BinaryInteger
    {
        let p = indices.allocate(source.count)
        var k = 0
        for i in source {
            require(i >= 0 && i < bound, "\(what): index \(i) is outside 0..<\(bound)")
            p[k] = Int32(truncatingIfNeeded: i)
            k += 1
        }
        return p
    }

    // MARK: Leaves

    /// A tensor of data: no gradient flows into it.
    public func constant(_ values: [Float], rows: Int, cols: Int) -> Tensor {
        values.withUnsafeBufferPointer { constant($0, rows: rows, cols: cols) }
    }

    /// A tensor of data copied from a buffer: no gradient flows into it.
    public func constant(_ values: UnsafeBufferPointer<Float>, rows: Int, cols: Int) -> Tensor {
        leaf(values, rows: rows, cols: cols, needsGrad: false)
    }

    /// A 1 × 1 constant.
    public func scalar(_ value: Float) -> Tensor {
        let t = record(rows: 1, cols: 1, op: .leaf, needsGrad: false)
        nodes[Int(t.id)].value[0] = value
        return t
    }

    /// A constant filled with one value.
    public func filled(_ value: Float, rows: Int, cols: Int) -> Tensor {
        require(rows > 0 && cols > 0, "filled: shape [\(rows), \(cols)] must be positive")
        let t = record(rows: rows, cols: cols, op: .leaf, needsGrad: false)
        nodes[Int(t.id)].value.update(repeating: value, count: rows * cols)
        return t
    }

    /// A constant of zeros.
    public func zeros(rows: Int, cols: Int) -> Tensor { filled(0, rows: rows, cols: cols) }

    /// A constant written in place by `fill` (no intermediate array).
    public func constant(rows: Int, cols: Int,
                         fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        require(rows > 0 && cols > 0, "constant: shape [\(rows), \(cols)] must be positive")
        let t = record(rows: rows, cols: cols, op: .leaf, needsGrad: false)
        fill(UnsafeMutableBufferPointer(start: nodes[Int(t.id)].value, count: rows * cols))
        return t
    }

    /// A leaf whose gradient is kept: read it with `gradient(of:)` after
    /// `backward` (used for inputs one differentiates with respect to).
    public func variable(_ values: [Float], rows: Int, cols: Int) -> Tensor {
        values.withUnsafeBufferPointer { leaf($0, rows: rows, cols: cols, needsGrad: true) }
    }

    private func leaf(_ values: UnsafeBufferPointer<Float>, rows: Int, cols: Int,
                      needsGrad: Bool) -> Tensor {
        require(rows > 0 && cols > 0, "tensor shape [\(rows), \(cols)] must be positive")
        require(values.count == rows * cols,
                "tensor of shape [\(rows), \(cols)] needs \(rows * cols) values, got \(values.count)")
        let t = record(rows: rows, cols: cols, op: .leaf, needsGrad: needsGrad)
        nodes[Int(t.id)].value.update(from: values.baseAddress!, count: values.count)
        return t
    }

    /// A parameter as a tensor on this step: reads the set's storage in place
    /// and, when the set is trainable, accumulates its gradient there.
    public func bind(_ p: Parameter) -> Tensor {
        let set = p.set
        if set.trainable { noteBound(set) }
        if nodeCount == nodeCapacity { growNodes() }
        (nodes + nodeCount).initialize(to: Node(
            value: set.values + p.offset,
            grad: set.trainable ? set.gradients + p.offset : nil,
            rows: p.rows, cols: p.cols, op: .leaf, aux: nil,
            gradWritten: true, isParameter: true))
        nodeCount += 1
        return Tensor(tape: self, id: Int32(nodeCount - 1), epoch: epoch, rows: p.rows, cols: p.cols)
    }

    /// Remembers a trainable set read this step.
    private func noteBound(_ set: ParameterSet) {
        let id = Unmanaged.passUnretained(set).toOpaque()
        var k = 0
        while k < boundCount {
            if boundSets[k].toOpaque() == id { return }
            k += 1
        }
        if boundCount == boundCapacity {
            let bigger = UnsafeMutablePointer<Unmanaged<ParameterSet>>.allocate(capacity: boundCapacity * 2)
            bigger.moveInitialize(from: boundSets, count: boundCount)
            boundSets.deallocate()
            boundSets = bigger
            boundCapacity *= 2
            nodeGrowths += 1
        }
        (boundSets + boundCount).initialize(to: .passUnretained(set))
        boundCount += 1
    }

    /// The same values with no gradient flowing back (`stop_gradient`).
    public func stopGradient(_ x: Tensor) -> Tensor {
        let xn = node(x)
        return record(rows: xn.pointee.rows, cols: xn.pointee.cols, op: .leaf,
                      needsGrad: false, alias: xn.pointee.value)
    }
}

/// Tells OpenBLAS, once per process, to run every call on the calling thread:
/// agents parallelise over Dispatch already, nested BLAS threads would fight
/// them for the cores, and a fixed summation order keeps results bit-identical.
/// First, when OpenBLAS fell back to its generic kernels on a CPU it does not
/// recognise, it selects them by the CPU's features (`populus_openblas_select_kernels`).
/// Results are bit-identical for any thread count on one machine; kernels,
/// and so the last bits of a matrix product, may differ between CPUs.
public func configureSingleThreadedBLAS() {
    _ = blasConfiguration
}

/// The OpenBLAS kernels in use ("SkylakeX", "Haswell", …), after `configureSingleThreadedBLAS`.
public var blasKernels: String { blasConfiguration }

private let blasConfiguration: String = {
    let name = String(cString: populus_openblas_select_kernels())
    openblas_set_num_threads(1)
    return name
}()
