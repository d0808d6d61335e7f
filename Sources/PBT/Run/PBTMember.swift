import Agents

/// One member of the population: an agent (θ, Adam, hyperparameters, its own
/// environment instances and random streams, its learning curve) plus what
/// PBT knows about it — its point in the search space and its score.
///
/// The score is the mean return of the member's last `window` episodes that
/// ended since its last exploit (older ones were played by weights it no
/// longer has); until one has ended it keeps the score of the member it copied.
public final class PBTMember: @unchecked Sendable {
    /// Its place in the population (its streams are `(seed, ["pbt", index, …])`).
    public let index: Int
    public let agent: Agent
    /// The searched hyperparameters it trains with (aligned with the space).
    public internal(set) var point: [Double]
    /// The score at its last ready check (NaN before the first, or while no episode has ended).
    public internal(set) var score: Double = .nan
    /// Exploits it has made (times it copied another member).
    public internal(set) var exploits = 0
    /// Episodes of `agent.curve` before this index predate the last exploit.
    var scoreFrom = 0
    /// The copied member's score, used until an episode of its own ends.
    var inheritedScore = Double.nan

    init(index: Int, agent: Agent, point: [Double]) {
        self.index = index
        self.agent = agent
        self.point = point
    }

    /// The recent mean return: the last `window` episodes since the last
    /// exploit, else the inherited score (NaN when there is none).
    func evaluate(window: Int) -> Double {
        let episodes = agent.curve.episodes
        let fresh = episodes[min(scoreFrom, episodes.count)...]
        guard !fresh.isEmpty else { return inheritedScore }
        let tail = fresh.suffix(window)
        return tail.reduce(0) { $0 + $1.return } / Double(tail.count)
    }
}

/// A member's state as another member may copy it: taken at its ready check,
/// before its own exploit.
struct MemberSnapshot: Sendable {
    var learning: LearningState
    var point: [Double]
    /// The member's environment steps when it was taken.
    var step: Int
    var score: Double

    init(of member: PBTMember, score: Double) {
        learning = member.agent.learningState
        point = member.point
        step = member.agent.steps
        self.score = score
    }

    init(learning: LearningState, point: [Double], step: Int, score: Double) {
        self.learning = learning
        self.point = point
        self.step = step
        self.score = score
    }
}
