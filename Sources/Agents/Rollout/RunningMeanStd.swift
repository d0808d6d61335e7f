/// Running mean and variance of a vector quantity over every batch seen so
/// far (Chan et al. 1979's parallel update), as Stable-Baselines3's
/// `RunningMeanStd`: observation normalisation x̂ = clip((x − μ)/√(σ² + ε), ±c),
/// and the return statistics behind reward scaling.
///
/// Merging a batch of n rows with mean μ_B and (population) variance σ²_B:
///
///     δ = μ_B − μ,  N' = N + n,  μ' = μ + δ·n/N',
///     σ'² = (σ²·N + σ²_B·n + δ²·N·n/N') / N'
///
/// Statistics are kept in Double; the start is μ = 0, σ² = 1, N = 10⁻⁴ (so a
/// single first batch is not divided by zero).
public struct RunningMeanStd: Sendable, Equatable, Codable {
    /// μ, per component.
    public private(set) var mean: [Double]
    /// σ², per component.
    public private(set) var variance: [Double]
    /// N, the (pseudo-)count of rows merged.
    public private(set) var count: Double
    /// ε added to σ² before the square root.
    public static let epsilon = 1e-8

    public init(dimension: Int) {
        precondition(dimension > 0, "RunningMeanStd: dimension must be positive")
        mean = [Double](repeating: 0, count: dimension)
        variance = [Double](repeating: 1, count: dimension)
        count = 1e-4
    }

    /// Restores statistics (e.g. from a checkpoint).
    public init(mean: [Double], variance: [Double], count: Double) {
        precondition(mean.count == variance.count && !mean.isEmpty, "RunningMeanStd: mismatched statistics")
        self.mean = mean
        self.variance = variance
        self.count = count
    }

    public var dimension: Int { mean.count }

    /// Merges `rows` rows of `dimension` values (row-major, a row-stride of `dimension`).
    public mutating func update(_ batch: UnsafePointer<Float>, rows: Int) {
        guard rows > 0 else { return }
        let d = dimension, n = Double(rows)
        let total = count + n
        mean.withUnsafeMutableBufferPointer { mu in
            variance.withUnsafeMutableBufferPointer { va in
                for j in 0..<d {
                    var s = 0.0
                    for r in 0..<rows { s += Double(batch[r * d + j]) }
                    let batchMean = s / n
                    var ss = 0.0
                    for r in 0..<rows {
                        let e = Double(batch[r * d + j]) - batchMean
                        ss += e * e
                    }
                    let batchVariance = ss / n
                    let delta = batchMean - mu[j]
                    mu[j] += delta * n / total
                    let m2 = va[j] * count + batchVariance * n + delta * delta * count * n / total
                    va[j] = m2 / total
                }
            }
        }
        count = total
    }

    /// Merges values given one per row with a stride (one column of a batch).
    public mutating func update(_ values: UnsafeBufferPointer<Double>) {
        precondition(dimension == 1, "RunningMeanStd.update(values:) is for scalar statistics")
        let n = Double(values.count)
        guard n > 0 else { return }
        var s = 0.0
        for v in values { s += v }
        let batchMean = s / n
        var ss = 0.0
        for v in values { ss += (v - batchMean) * (v - batchMean) }
        let total = count + n
        let delta = batchMean - mean[0]
        mean[0] += delta * n / total
        variance[0] = (variance[0] * count + ss + delta * delta * count * n / total) / total
        count = total
    }

    /// x̂ = clip((x − μ)/√(σ² + ε), −clip, clip) in place, for `rows` rows.
    public func normalize(_ x: UnsafeMutablePointer<Float>, rows: Int, clip: Double) {
        let d = dimension
        mean.withUnsafeBufferPointer { mu in
            variance.withUnsafeBufferPointer { va in
                for j in 0..<d {
                    let m = mu[j], scale = 1 / (va[j] + Self.epsilon).squareRoot()
                    for r in 0..<rows {
                        let v = (Double(x[r * d + j]) - m) * scale
                        x[r * d + j] = Float(min(max(v, -clip), clip))
                    }
                }
            }
        }
    }

    /// √(σ² + ε) of component 0 (the return's scale).
    public var scale: Double { (variance[0] + Self.epsilon).squareRoot() }
}
