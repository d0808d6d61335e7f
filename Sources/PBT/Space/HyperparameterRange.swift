import Config

/// How one hyperparameter's values are spread: the prior initial values are
/// drawn from, and the scale explore's perturbations act on.
public enum HyperparameterScale: String, Codable, CaseIterable, Sendable, Hashable {
    /// Uniform on [min, max]; perturbed v·f.
    case linear
    /// log v uniform on [log min, log max] (min > 0); perturbed v·f.
    case log
    /// log(1 − v) uniform (max < 1); perturbed 1 − (1 − v)·f, so γ = 0.99
    /// moves to 0.988 or 0.992, never past 1 (horizons 1/(1 − γ) scale by f).
    case logComplement = "log-complement"
    /// Whole numbers uniform on [min, max]; perturbed round(v·f), moving at
    /// least one step in f's direction.
    case integer
    /// One of `choices`, uniform; perturbed to a neighbour in the list.
    case choice
}

/// One dimension of the search space: the `pbt.hyperparameters.<name>`
/// mapping of a config. The bounds are hard: the prior, every perturbation
/// and every resample stays in [min, max] (or in `choices`).
///
/// ```yaml
/// hyperparameters:
///   learning_rate: {scale: log, min: 1e-5, max: 1e-1}
///   ent_coef: {min: 0, max: 0.02}                     # linear
///   gamma: {scale: log-complement, min: 0.9, max: 0.999}
///   update_epochs: {scale: integer, min: 1, max: 10}
///   minibatch_size: {scale: choice, choices: [64, 128, 256]}
/// ```
public struct HyperparameterRange: ConfigSection, Sendable, Equatable, Hashable {
    /// The prior's and the perturbation's scale.
    public var scale = HyperparameterScale.linear
    /// The lower bound (inclusive); unused for `choice`.
    public var min: Double? = nil
    /// The upper bound (inclusive); unused for `choice`.
    public var max: Double? = nil
    /// The values of a `choice` dimension, in the order neighbours are taken.
    public var choices: [Double]? = nil

    public init() {}

    /// A continuous, log, log-complement or integer range.
    public init(scale: HyperparameterScale, min: Double, max: Double) {
        self.scale = scale
        self.min = min
        self.max = max
    }

    /// A choice among `values`.
    public init(choices values: [Double]) {
        scale = .choice
        choices = values
    }

    /// The lowest value the dimension can take.
    public var lowerBound: Double { scale == .choice ? (choices ?? []).min() ?? 0 : min ?? 0 }
    /// The highest value the dimension can take.
    public var upperBound: Double { scale == .choice ? (choices ?? []).max() ?? 0 : max ?? 0 }

    /// Problems with the range as sentences, each starting with its key (empty: fine).
    /// Checks it against the values `tunable` accepts when given.
    public func problems(for tunable: Tunable? = nil) -> [(key: String, message: String)] {
        var out: [(key: String, message: String)] = []
        if scale == .choice {
            guard let choices, !choices.isEmpty else {
                return [("choices", "scale: choice needs a non-empty list `choices: [a, b, …]`")]
            }
            if min != nil || max != nil { out.append(("min", "a choice has no min/max; list its values in `choices`")) }
            if Set(choices).count != choices.count { out.append(("choices", "the values must be distinct")) }
            if let t = tunable, let bad = choices.first(where: { !t.accepts($0) }) {
                out.append(("choices", "\(bad) is not accepted; accepted: \(t.domainText)"))
            }
            return out
        }
        if choices != nil { out.append(("choices", "only scale: choice takes `choices` (this one is \(scale.rawValue))")) }
        guard let lo = min, let hi = max else {
            return out + [(min == nil ? "min" : "max", "scale: \(scale.rawValue) needs both `min` and `max`")]
        }
        guard lo.isFinite, hi.isFinite, lo <= hi else {
            return out + [("max", "needs finite min ≤ max, got min \(lo), max \(hi)")]
        }
        switch scale {
        case .log where lo <= 0:
            out.append(("min", "scale: log needs min > 0, got \(lo)"))
        case .logComplement where hi >= 1:
            out.append(("max", "scale: log-complement needs max < 1 (it spreads 1 − value), got \(hi)"))
        case .integer where lo != lo.rounded() || hi != hi.rounded():
            out.append(("min", "scale: integer needs whole-number bounds, got \(lo) and \(hi)"))
        default:
            break
        }
        if let t = tunable {
            if t.integral && scale != .integer {
                out.append(("scale", "\(t.name) takes whole numbers; use scale: integer or choice"))
            }
            if !t.accepts(lo) { out.append(("min", "\(lo) is not accepted; accepted: \(t.domainText)")) }
            if !t.accepts(hi) { out.append(("max", "\(hi) is not accepted; accepted: \(t.domainText)")) }
        }
        return out
    }

    public func validate(_ check: ConfigValidator) throws {
        if let first = problems().first { throw check.failure(first.key, first.message) }
    }
}
