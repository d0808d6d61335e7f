/// Novelty of a candidate environment (Lehman & Stanley 2011, as POET uses
/// it): the mean distance to its k nearest neighbours among the environments
/// created so far (active and archived),
///
///     novelty(E) = (1/k′) Σ_{j ≤ k′} d(E, N_j),   k′ = min(k, |archive|),
///
/// where N_1, N_2, … are the archive sorted by distance to E.
public enum Novelty {
    /// Mean of the k smallest distances (0 when there are none).
    public static func kNearestMean(_ distances: [Double], k: Int) -> Double {
        precondition(k > 0, "k must be positive")
        let sorted = distances.sorted()
        let n = min(k, sorted.count)
        guard n > 0 else { return 0 }
        var sum = 0.0
        for d in sorted[..<n] { sum += d }
        return sum / Double(n)
    }

    /// Indices of `scores` from the most to the least novel; ties keep their
    /// order (the order children were made in).
    public static func rankDescending(_ scores: [Double]) -> [Int] {
        scores.indices.sorted { a, b in
            scores[a] != scores[b] ? scores[a] > scores[b] : a < b
        }
    }

    /// Euclidean distance between two equally long vectors.
    public static func euclidean(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "vectors of different lengths")
        var s = 0.0
        for i in a.indices {
            let d = a[i] - b[i]
            s += d * d
        }
        return s.squareRoot()
    }
}

/// Enhanced POET's Performance of All Transferred Agents environmental
/// characterization (Wang et al. 2020, §3.1): an environment is described
/// by how every agent (active and archived) scores in it. Scores are clipped
/// to the minimal criterion [mc_low, mc_high] (so differences among agents
/// that all fail, or all succeed, do not count), then replaced by their
/// centered ranks r_i/(n − 1) − 0.5 ∈ [−0.5, 0.5] (ties share their mean
/// rank); novelty compares these vectors by Euclidean distance.
public enum PATAEC {
    /// The characterization of one environment from its agents' scores.
    public static func characterize(_ scores: [Double], criterion: MinimalCriterion) -> [Double] {
        let clipped = scores.map(criterion.clip)
        let n = clipped.count
        guard n > 1 else { return [Double](repeating: 0, count: n) }
        let order = clipped.indices.sorted { clipped[$0] != clipped[$1] ? clipped[$0] < clipped[$1] : $0 < $1 }
        var ranks = [Double](repeating: 0, count: n)
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && clipped[order[j + 1]] == clipped[order[i]] { j += 1 }
            let mean = Double(i + j) / 2
            for k in i...j { ranks[order[k]] = mean }
            i = j + 1
        }
        return ranks.map { $0 / Double(n - 1) - 0.5 }
    }
}
