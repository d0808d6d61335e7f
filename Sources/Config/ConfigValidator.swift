import Yams

/// Handed to ``ConfigValidating/validate(_:)``: refuses a value with the key
/// path, the line it came from and what would be accepted, e.g.
/// `Configs/ppo.yaml:9: ppo.gamma: 1.5 is out of range; accepted: 0 ≤ gamma ≤ 1`.
///
/// Keys are the Swift property names or the YAML keys (`"learningRate"` and
/// `"learning_rate"` are the same key).
public struct ConfigValidator {
    let path: ConfigPath
    let node: Node
    let context: DecodingContext

    /// `lower ≤ key ≤ upper`.
    public func range<T: Comparable>(_ key: String, _ value: T, _ range: ClosedRange<T>) throws {
        let k = yamlKey(key)
        guard range.contains(value) else {
            throw outOfRange(k, value, "\(show(range.lowerBound)) ≤ \(k) ≤ \(show(range.upperBound))")
        }
    }

    /// `key ≥ minimum`.
    public func atLeast<T: Comparable>(_ key: String, _ value: T, _ minimum: T) throws {
        let k = yamlKey(key)
        guard value >= minimum else { throw outOfRange(k, value, "\(k) ≥ \(show(minimum))") }
    }

    /// `key ≤ maximum`.
    public func atMost<T: Comparable>(_ key: String, _ value: T, _ maximum: T) throws {
        let k = yamlKey(key)
        guard value <= maximum else { throw outOfRange(k, value, "\(k) ≤ \(show(maximum))") }
    }

    /// `key > bound` (NaN is refused).
    public func greaterThan<T: Comparable>(_ key: String, _ value: T, _ bound: T) throws {
        let k = yamlKey(key)
        guard value > bound else { throw outOfRange(k, value, "\(k) > \(show(bound))") }
    }

    /// `key < bound` (NaN is refused).
    public func lessThan<T: Comparable>(_ key: String, _ value: T, _ bound: T) throws {
        let k = yamlKey(key)
        guard value < bound else { throw outOfRange(k, value, "\(k) < \(show(bound))") }
    }

    /// `key > 0`: learning rates, clip ranges, batch sizes.
    public func positive<T: Comparable & Numeric>(_ key: String, _ value: T) throws {
        try greaterThan(key, value, .zero)
    }

    /// Every element `> 0`; an error names the element (`policy.hidden_sizes[1]`).
    public func positive<T: Comparable & Numeric>(_ key: String, each values: [T]) throws {
        for (i, v) in values.enumerated() { try element(key, i).positive(key, v) }
    }

    /// Every element within `range`.
    public func range<T: Comparable>(_ key: String, each values: [T], _ range: ClosedRange<T>) throws {
        for (i, v) in values.enumerated() { try element(key, i).range(key, v, range) }
    }

    /// At least one element (or character).
    public func nonEmpty<C: Collection>(_ key: String, _ value: C) throws {
        let k = yamlKey(key)
        guard !value.isEmpty else { throw makeError(k, "\(k) must not be empty", kind: .invalidValue) }
    }

    /// A rule of your own: `try check.require("minibatchSize", minibatchSize <= batchSize,
    /// "minibatch_size ≤ batch_size (\(batchSize))")`.
    public func require(_ key: String, _ condition: Bool, _ accepted: String) throws {
        guard !condition else { return }
        let k = yamlKey(key)
        throw makeError(k, "\(text(k) ?? "this value") is not accepted; accepted: \(accepted)", kind: .invalidValue)
    }

    /// An error at `key` with a message of your own (prefixed by the key path).
    public func failure(_ key: String, _ message: String) -> ConfigError {
        makeError(yamlKey(key), message, kind: .invalidValue)
    }

    // MARK: Private

    private func yamlKey(_ key: String) -> String { KeyNaming.snake(key) }

    /// The validator of element `i` of the list at `key`: it sees the element as
    /// the value of `key` and reports at `key[i]`.
    private func element(_ key: String, _ i: Int) -> ConfigValidator {
        let k = yamlKey(key)
        var item = Node.null
        if case .sequence(let s)? = node.entry(k)?.value, i < s.count { item = s[i] }
        return ConfigValidator(path: path, node: .mapping(.init([(Node(k), item)])), context: context,
                               reportedPath: path.appending(key: k).appending(.index(i)))
    }

    /// Where errors are reported when it is not `path.key` (list elements).
    var reportedPath: ConfigPath? = nil

    private func target(_ k: String) -> ConfigPath { reportedPath ?? path.appending(key: k) }

    /// The value as written in the YAML, when it was.
    private func text(_ k: String) -> String? { node.entry(k)?.value.text }

    private func outOfRange<T>(_ k: String, _ value: T, _ accepted: String) -> ConfigError {
        makeError(k, "\(text(k) ?? show(value)) is out of range; accepted: \(accepted)", kind: .outOfRange)
    }

    private func makeError(_ k: String, _ message: String, kind: ConfigError.Kind) -> ConfigError {
        let entry = node.entry(k)
        let p = target(k)
        let note = entry?.value.mark == nil && context.origin(of: p) == nil ? " (the default)" : ""
        return context.error(kind, at: p, node: entry?.value, mark: entry?.key.mark ?? entry?.value.mark,
                             "\(p.spelled): \(message)\(note)")
    }
}

/// A number as a person writes it: `0` not `0.0`, `0.0003`, `1e-05`.
func show<T>(_ value: T) -> String {
    switch value {
    case let d as Double where d.isFinite && d == d.rounded() && abs(d) < 1e15: return String(Int64(d))
    case let f as Float where f.isFinite && f == f.rounded() && abs(f) < 1e7: return String(Int64(f))
    case let s as String: return "'\(s)'"
    default: return "\(value)"
    }
}
