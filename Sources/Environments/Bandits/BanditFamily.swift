import Random

/// Distributions over Bernoulli bandits.
///
/// * `dependent(low:high:)` — two arms with p₁ drawn uniformly from
///   {low, high} and p₂ = 1 − p₁ (Wang et al. 2016's easy {0.1, 0.9}, medium
///   {0.25, 0.75} and hard {0.4, 0.6} bandits): one pull of either arm says
///   something about both.
/// * `independent` — K arms with p_k ~ U(0, 1) independently (RL²'s setting).
///
/// `train` and `test` draw from the same distribution with disjoint streams;
/// there is no `ood` split.
public struct BanditFamily: TaskDistribution {
    public enum Kind: Sendable, Equatable {
        case dependent(low: Double, high: Double)
        case independent(arms: Int)
    }

    public let name: String
    public let kind: Kind
    /// T, pulls per episode.
    public let pulls: Int

    public init(name: String, kind: Kind, pulls: Int = 100) {
        self.name = name
        self.kind = kind
        self.pulls = pulls
    }

    public static let easy = BanditFamily(name: "bandit-2-easy", kind: .dependent(low: 0.1, high: 0.9))
    public static let medium = BanditFamily(name: "bandit-2-medium", kind: .dependent(low: 0.25, high: 0.75))
    public static let hard = BanditFamily(name: "bandit-2-hard", kind: .dependent(low: 0.4, high: 0.6))
    public static func uniform(arms: Int, pulls: Int = 100) -> BanditFamily {
        BanditFamily(name: "bandit-\(arms)-uniform", kind: .independent(arms: arms), pulls: pulls)
    }

    public var arms: Int {
        switch kind {
        case .dependent: return 2
        case .independent(let k): return k
        }
    }

    public var summary: String {
        switch kind {
        case .dependent(let lo, let hi):
            return "2-armed Bernoulli bandit, p₁ ∈ {\(lo), \(hi)}, p₂ = 1 − p₁; \(pulls) pulls"
        case .independent(let k):
            return "\(k)-armed Bernoulli bandit, p_k ~ U(0, 1); \(pulls) pulls"
        }
    }
    public var splits: [TaskSplit] { [.train, .test] }
    public var observationSpace: Space { .box(dimension: arms + 2, low: 0, high: 1) }
    public var actionSpace: Space { .discrete(arms) }

    public func sample(_ split: TaskSplit, stream: RandomStream) -> BanditTask {
        switch kind {
        case .dependent(let lo, let hi):
            let p1 = stream.bernoulli(0.5) ? lo : hi
            return BanditTask(probabilities: [p1, 1 - p1])
        case .independent(let k):
            return BanditTask(probabilities: (0..<k).map { _ in stream.uniform() })
        }
    }

    public func makeEnvironment(_ task: BanditTask) -> Bandit { Bandit(task: task, pulls: pulls) }
}
