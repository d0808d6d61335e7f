/// Why an environment, a task or a name was refused. Every message names what
/// is accepted, so a user can fix the config or the command line.
public enum EnvironmentError: Error, Equatable, CustomStringConvertible {
    /// `name` is not registered; `known` lists the names, `nearest` the closest one.
    case unknownName(String, known: [String], nearest: String?)
    /// The family has no such split.
    case unsupportedSplit(family: String, split: String, accepted: [String])
    /// A task of one family was handed to another.
    case taskMismatch(expected: String, got: String)
    /// A physical state of the wrong length or with non-finite values.
    case invalidState(environment: String, expected: [String], got: [Double])
    /// A state of the right length the environment cannot be in.
    case inaccessibleState(String)
    /// The environment has no settable physical state.
    case stateNotSettable(environment: String)
    /// An action that is not in the action space.
    case invalidAction(String)
    /// Text given for an action, a state or an option that cannot be read (names what is accepted).
    case invalidInput(String)

    public var description: String {
        switch self {
        case .unknownName(let name, let known, let nearest):
            let hint = nearest.map { " Did you mean '\($0)'?" } ?? ""
            return "unknown environment '\(name)'.\(hint) Known environments: \(known.joined(separator: ", "))"
        case .unsupportedSplit(let family, let split, let accepted):
            return "'\(family)' has no split '\(split)'; accepted: \(accepted.joined(separator: ", "))"
        case .taskMismatch(let expected, let got):
            return "a task of '\(got)' was given to '\(expected)'"
        case .invalidState(let env, let expected, let got):
            let values = got.map { "\($0)" }.joined(separator: ",")
            return "\(env) takes an initial state of \(expected.count) finite numbers "
                + "(\(expected.joined(separator: ", "))); got \(got.count): [\(values)]"
        case .stateNotSettable(let env):
            return "\(env) has no settable physical state (--initial-state is not accepted)"
        case .inaccessibleState(let message), .invalidAction(let message), .invalidInput(let message):
            return message
        }
    }
}
