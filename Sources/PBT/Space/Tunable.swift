import Agents

/// A PPO hyperparameter PBT may search, with the values PPO accepts for it
/// (a search range must lie inside them) and how a value is written into a
/// `PPOHyperparameters`.
///
/// Only fields that do not shape the agent's storage or network can change
/// during a life (`Agent.structuralDifferences`): `num_envs`, `num_steps`,
/// `hidden_sizes`, … are fixed for the whole population.
public struct Tunable: Sendable {
    /// The YAML key (`learning_rate`), also the name in lineage records and metrics.
    public let name: String
    /// The paper's symbol, for help and reports.
    public let symbol: String
    /// Values PPO accepts (a range's `min`/`max` must lie inside).
    public let domain: ClosedRange<Double>
    /// True when the domain excludes its lower end (`learning_rate > 0`).
    public let lowerOpen: Bool
    /// True when only whole numbers make sense.
    public let integral: Bool
    let write: @Sendable (inout PPOHyperparameters, Double) -> Void
    let read: @Sendable (PPOHyperparameters) -> Double

    /// The value `h` holds for this hyperparameter.
    public func value(in h: PPOHyperparameters) -> Double { read(h) }

    /// `h` with this hyperparameter set to `value` (already inside the domain).
    public func apply(_ value: Double, to h: inout PPOHyperparameters) { write(&h, value) }

    /// True when `v` is a value PPO accepts.
    public func accepts(_ v: Double) -> Bool {
        v.isFinite && domain.contains(v) && !(lowerOpen && v == domain.lowerBound) && (!integral || v == v.rounded())
    }

    /// "0 < learning_rate ≤ 1" for messages.
    public var domainText: String {
        let lo = domain.lowerBound, hi = domain.upperBound
        func show(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)" }
        return "\(show(lo)) \(lowerOpen ? "<" : "≤") \(name) ≤ \(show(hi))\(integral ? " (whole numbers)" : "")"
    }
}

extension Tunable {
    /// Every searchable hyperparameter, in the canonical order spaces,
    /// lineage records and metrics columns use.
    public static let all: [Tunable] = [
        Tunable(name: "learning_rate", symbol: "α", domain: 0...1, lowerOpen: true, integral: false,
                write: { $0.learningRate = $1 }, read: { $0.learningRate }),
        Tunable(name: "ent_coef", symbol: "c₂", domain: 0...1_000, lowerOpen: false, integral: false,
                write: { $0.entCoef = $1 }, read: { $0.entCoef }),
        Tunable(name: "vf_coef", symbol: "c₁", domain: 0...1_000, lowerOpen: false, integral: false,
                write: { $0.vfCoef = $1 }, read: { $0.vfCoef }),
        Tunable(name: "clip_coef", symbol: "ε", domain: 0...1_000, lowerOpen: true, integral: false,
                write: { $0.clipCoef = $1 }, read: { $0.clipCoef }),
        Tunable(name: "gamma", symbol: "γ", domain: 0...1, lowerOpen: false, integral: false,
                write: { $0.gamma = $1 }, read: { $0.gamma }),
        Tunable(name: "gae_lambda", symbol: "λ", domain: 0...1, lowerOpen: false, integral: false,
                write: { $0.gaeLambda = $1 }, read: { $0.gaeLambda }),
        Tunable(name: "max_grad_norm", symbol: "‖∇θ‖max", domain: 0...1e6, lowerOpen: true, integral: false,
                write: { $0.maxGradNorm = $1 }, read: { $0.maxGradNorm ?? .infinity }),
        Tunable(name: "update_epochs", symbol: "K", domain: 1...10_000, lowerOpen: false, integral: true,
                write: { $0.updateEpochs = Int($1) }, read: { Double($0.updateEpochs) }),
        Tunable(name: "num_minibatches", symbol: "M", domain: 1...50_000_000, lowerOpen: false, integral: true,
                write: { $0.numMinibatches = min(Int($1), $0.batchSize) }, read: { Double($0.numMinibatches) }),
        // PPO stores the count of minibatches; their size is N·T / count.
        Tunable(name: "minibatch_size", symbol: "B", domain: 1...50_000_000, lowerOpen: false, integral: true,
                write: { $0.numMinibatches = max(1, $0.batchSize / max(1, min(Int($1), $0.batchSize))) },
                read: { Double($0.minibatchSize) }),
    ]

    /// The tunable called `name` (YAML key), nil for any other name.
    public static func named(_ name: String) -> Tunable? { all.first { $0.name == name } }

    /// "learning_rate, ent_coef, …" for messages.
    public static var names: String { all.map(\.name).joined(separator: ", ") }
}
