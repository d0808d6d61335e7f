import Parallel
import Random

/// The Gaussian noise ε of every member, derived from integers alone.
///
/// ε for noise index p (the antithetic pair, or the member when sampling is
/// independent) at generation t is cut into blocks of `blockLength`
/// coordinates; block b is drawn (`RandomStream.fill(normal:)`: the
/// Marsaglia–Tsang ziggurat over the words) from GSL's taus2 generator keyed by
///
///     RandomStream(seed: runSeed, path: ["es-noise", t, p, b], generator: .taus2)
///
/// so a worker regenerates any member from (seed, t, p) — the seed-only
/// communication of distributed ES (Salimans et al. 2017) — and `tell` can
/// rebuild the gradient block by block in parallel without ever holding the
/// population × dimension matrix. The block length is part of the noise's
/// identity: changing it changes every ε. A taus2 stream starts for about the
/// price of one draw (three state words from the key; MT19937 would write and
/// twist 624), so blocks can be short: 256 coordinates split even a small
/// policy's genome (1,282 for 4-32-32-2) across the threads of `tell`.
public struct NoiseField: Sendable, Equatable {
    /// Coordinates per noise stream.
    public static let blockLength = 256

    public let seed: UInt64
    public let dimension: Int

    public init(seed: UInt64, dimension: Int) {
        self.seed = seed
        self.dimension = dimension
    }

    /// Number of blocks covering the dimension.
    public var blockCount: Int { (dimension + Self.blockLength - 1) / Self.blockLength }

    /// The coordinate range of block b.
    public func coordinates(ofBlock b: Int) -> Range<Int> {
        b * Self.blockLength ..< min(dimension, (b + 1) * Self.blockLength)
    }

    /// Fills `buffer` (at least the block's length) with ε_{t,p} on block b.
    public func fill(generation t: Int, noiseIndex p: Int, block b: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
        let n = coordinates(ofBlock: b).count
        let stream = RandomStream(seed: seed, path: ["es-noise", .init(t), .init(p), .init(b)], generator: .taus2)
        stream.fill(normal: UnsafeMutableBufferPointer(rebasing: buffer[0..<n]))
    }

    /// The whole ε_{t,p} (dimension values).
    public func epsilon(generation t: Int, noiseIndex p: Int) -> [Float] {
        var out = [Float](repeating: 0, count: dimension)
        fill(generation: t, noiseIndex: p, into: &out)
        return out
    }

    /// Writes ε_{t,p} into `out` (dimension values).
    public func fill(generation t: Int, noiseIndex p: Int, into out: inout [Float]) {
        out.withUnsafeMutableBufferPointer { fill(generation: t, noiseIndex: p, into: $0) }
    }

    /// Writes ε_{t,p} into `out` (dimension values), e.g. a `NoiseMatrix` row.
    public func fill(generation t: Int, noiseIndex p: Int, into out: UnsafeMutableBufferPointer<Float>) {
        precondition(out.count == dimension, "noise buffer must have the genome's dimension")
        for b in 0..<blockCount {
            let r = coordinates(ofBlock: b)
            fill(generation: t, noiseIndex: p, block: b, into: UnsafeMutableBufferPointer(rebasing: out[r]))
        }
    }

    /// Weighted sums over noise indices, per coordinate j:
    ///
    ///     A_j = Σ_p a_p ε_pj        B_j = Σ_p b_p (ε_pj² − 1)
    ///
    /// (B only when `b` is given). Blocks run in parallel; within a block the
    /// sum runs over p in order, so the bits are the same for any thread count.
    /// With `matrix` (this generation's ε, kept by the caller) the rows are
    /// read instead of regenerated: the same values, the same sums.
    public func weightedSums(generation t: Int, a: [Float], b: [Float]?, threads: Int,
                             matrix: NoiseMatrix? = nil) -> (a: [Float], b: [Float]?) {
        precondition(b == nil || b!.count == a.count, "weight vectors differ in length")
        precondition(matrix == nil || (matrix!.generation == t && matrix!.rows == a.count && matrix!.dimension == dimension),
                     "the noise matrix is not this generation's")
        var sumA = [Float](repeating: 0, count: dimension)
        var sumB = [Float](repeating: 0, count: b == nil ? 0 : dimension)
        sumA.withUnsafeMutableBufferPointer { outA in
            sumB.withUnsafeMutableBufferPointer { outB in
                let outA = DisjointWrites(outA), outB = DisjointWrites(outB)
                concurrentForEach(blockCount, threads: threads) { block, _ in
                    let r = coordinates(ofBlock: block)
                    var eps = [Float](repeating: 0, count: matrix == nil ? r.count : 0)
                    eps.withUnsafeMutableBufferPointer { buffer in
                        for p in a.indices {
                            let e: UnsafeMutableBufferPointer<Float>
                            if let matrix {
                                e = UnsafeMutableBufferPointer(rebasing: matrix.row(p)[r])
                            } else {
                                e = buffer
                                fill(generation: t, noiseIndex: p, block: block, into: e)
                            }
                            let wa = a[p]
                            for k in 0..<r.count { outA[r.lowerBound + k] += wa * e[k] }
                            if let b {
                                let wb = b[p]
                                for k in 0..<r.count { outB[r.lowerBound + k] += wb * (e[k] * e[k] - 1) }
                            }
                        }
                    }
                }
            }
        }
        return (sumA, b == nil ? nil : sumB)
    }
}
