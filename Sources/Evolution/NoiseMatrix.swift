/// Every ε_{t,p} of one generation, row p for noise index p: the
/// population × dimension matrix, held only when a caller asks for it.
///
/// Why: `tell` needs each ε again to form Σ_p a_p ε_p. By default it
/// regenerates them from (seed, t, p) — memory O(population + dimension) —
/// which doubles the cost of drawing the noise. A caller that generates the
/// ε of every member anyway while evaluating (ES policy search does) and can
/// afford the memory fills a `NoiseMatrix` as it goes and passes it to
/// `tell(_:noise:)`: the same values summed in the same order, so the result
/// is bit for bit the regenerating one.
///
///     let matrix = NoiseMatrix(generation: es.generation, rows: es.noiseCount, dimension: es.dimension)
///     es.noise.fill(generation: t, noiseIndex: p, into: matrix.row(p))   // on any worker, each row once
///     try es.tell(fitness, noise: matrix)
public final class NoiseMatrix: @unchecked Sendable {
    /// The generation t the rows belong to.
    public let generation: Int
    /// Noise indices (rows).
    public let rows: Int
    public let dimension: Int
    let storage: UnsafeMutablePointer<Float>

    /// Floats a matrix of `rows` × `dimension` holds (to decide whether to ask for one).
    public static func floatCount(rows: Int, dimension: Int) -> Int { rows * dimension }

    public init(generation: Int, rows: Int, dimension: Int) {
        precondition(rows > 0 && dimension > 0, "a noise matrix needs rows and coordinates")
        self.generation = generation
        self.rows = rows
        self.dimension = dimension
        storage = .allocate(capacity: rows * dimension)
        storage.initialize(repeating: 0, count: rows * dimension)
    }

    deinit { storage.deallocate() }

    /// Row p, to be filled by one worker (rows are disjoint, so workers may
    /// fill different rows at the same time).
    public func row(_ p: Int) -> UnsafeMutableBufferPointer<Float> {
        precondition(p >= 0 && p < rows, "noise row \(p) outside 0..<\(rows)")
        return UnsafeMutableBufferPointer(start: storage + p * dimension, count: dimension)
    }
}
