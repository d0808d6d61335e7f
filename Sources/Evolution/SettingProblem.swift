/// One invalid setting of a search: the configuration key it concerns and
/// why it is refused, as values (a config layer turns them into its own
/// errors with the key's file and line).
///
///     StrategyConfiguration.openAIES(populationSize: 3).problems(dimension: 10)
///     // [SettingProblem(key: "population_size", reason: "must be even with antithetic sampling, got 3")]
public struct SettingProblem: Sendable, Equatable, CustomStringConvertible {
    /// The snake_case key (`population_size`, `sigma`, `optimizer`), or ""
    /// when the problem is not a setting's (the genome, the initial mean).
    public var key: String
    /// What is wrong and what is accepted.
    public var reason: String

    public init(key: String, _ reason: String) {
        self.key = key
        self.reason = reason
    }

    /// `population_size must be even…`, `optimizer: beta1 must be in [0, 1)…`.
    public var description: String {
        if key.isEmpty { return reason }
        return reason.hasPrefix("must") ? "\(key) \(reason)" : "\(key): \(reason)"
    }
}
