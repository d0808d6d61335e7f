/// Errors from user input to the ES core (configurations, fitness vectors,
/// restored states). Each names what was wrong and what is accepted.
public enum EvolutionError: Error, Equatable, CustomStringConvertible {
    /// The configuration has problems, each naming its key.
    case invalidConfiguration([SettingProblem])
    /// `tell` got a fitness vector of the wrong length.
    case fitnessCount(got: Int, expected: Int)
    /// A restored state does not fit the configuration or is malformed.
    case invalidState(String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let problems):
            return "invalid strategy configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .fitnessCount(let got, let expected):
            return "tell got \(got) fitness values; the population has \(expected) members"
        case .invalidState(let why):
            return "invalid strategy state: \(why)"
        }
    }
}
