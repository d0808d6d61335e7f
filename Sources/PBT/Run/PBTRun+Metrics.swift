import Runs

extension PBTRun {
    /// The population's summary, then for every member m its score
    /// (`m<m>_return`) and the hyperparameters it trained with during the
    /// generation (`m<m>_<name>`, before that generation's exploit):
    ///
    ///     generation, fitness_mean, fitness_max, fitness_min, wall_seconds, env_steps, exploits, best_member,
    ///     m0_return, m0_learning_rate, …, m1_return, …
    ///
    /// Scores are recent mean returns (`pbt.return_window` episodes); NaN
    /// (empty in CSV) while a member has no finished episode.
    public var metricsColumns: [String] {
        Self.summaryColumns + members.indices.flatMap { m in
            ["m\(m)_return"] + space.names.map { "m\(m)_\($0)" }
        }
    }

    static let summaryColumns = ["generation", "fitness_mean", "fitness_max", "fitness_min", "wall_seconds",
                                 "env_steps", "exploits", "best_member"]

    /// The metrics of the generation just trained (before `generation` advances).
    func metricsRow(scores: [Double], hyperparameters: [[Double]], exploits: Int) -> PBTMetrics {
        PBTMetrics(generation: generation, scores: scores, hyperparameters: hyperparameters,
                   envSteps: members.reduce(0) { $0 + $1.agent.steps }, exploits: exploits)
    }

    public func inspection() -> [(label: String, value: String)] {
        let p = configuration.pbt
        var lines: [(label: String, value: String)] = [
            ("env", "\(configuration.env) (task \(configuration.taskIndex) of \(configuration.taskSplit.rawValue))"),
            ("population", "\(members.count) \(configuration.learner.rawValue) agents, \(p.mode.rawValue), ready every \(p.interval) steps"),
            ("exploit", p.exploit == .truncation ? "truncation, \(formatValue(p.truncationFraction * 100))%"
                : p.exploit == .tournament ? "binary tournament" : "none (random search)"),
            ("explore", "perturb ×\(p.perturbFactors.map(formatValue).joined(separator: "/×")), resample p = \(formatValue(p.resampleProbability))"),
            ("searched", space.dimensions.map { "\($0.name) (\($0.range.scale.rawValue))" }.joined(separator: ", ")),
            ("exploits", "\(lineage.filter { $0.event == .exploit }.count) so far"),
            ("steps per member", "\(members.first?.agent.steps ?? 0)"),
        ]
        for m in ExploitRule.ranking(members.map(\.score)) {
            let member = members[m]
            lines.append(("member \(m)", "score \(formatValue(member.score)), \(space.describe(member.point)), \(member.exploits) exploits"))
        }
        return lines
    }
}
