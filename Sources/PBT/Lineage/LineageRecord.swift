import Foundation

/// One line of `populations/<run>/lineage.jsonl`: a member's start (its
/// initial hyperparameters) or an exploit (the target copied the source's
/// weights, optimizer state and hyperparameters, then explored).
///
/// ```json
/// {"event":"exploit","generation":3,"step":24576,"target":5,"source":2,"source_step":24576,
///  "old":{"learning_rate":0.0001},"new":{"learning_rate":0.00036},"target_score":-812.4,"source_score":-301.9}
/// ```
///
/// `step` is the target's environment-step count when it happened and
/// `source_step` that of the copied state (equal in synchronous mode). The
/// state copied is the source's as it was before its own exploit at that
/// step, so a member's history before step s is told by records with
/// `step < s` (see `HyperparameterSchedule.trace`).
public struct LineageRecord: Sendable, Equatable, Codable {
    public enum Event: String, Sendable, Codable {
        /// Generation 0: the member's initial hyperparameters (`new`).
        case start
        /// The target copied the source, then explored to `new`.
        case exploit
    }

    public var event: Event
    /// Generations completed when it happened.
    public var generation: Int
    /// The target's environment steps then.
    public var step: Int
    /// The member that changed.
    public var target: Int
    /// The member copied (exploit only).
    public var source: Int?
    /// The source's environment steps when the copied state was taken.
    public var sourceStep: Int?
    /// The target's hyperparameters before (exploit only).
    public var old: [String: Double]?
    /// The hyperparameters after explore (or the initial ones).
    public var new: [String: Double]
    /// The target's and the source's scores (recent mean return) at the decision.
    public var targetScore: Double?
    public var sourceScore: Double?

    public init(event: Event, generation: Int, step: Int, target: Int, source: Int? = nil, sourceStep: Int? = nil,
                old: [String: Double]? = nil, new: [String: Double], targetScore: Double? = nil, sourceScore: Double? = nil) {
        self.event = event
        self.generation = generation
        self.step = step
        self.target = target
        self.source = source
        self.sourceStep = sourceStep
        self.old = old
        self.new = new
        self.targetScore = targetScore
        self.sourceScore = sourceScore
    }

    enum CodingKeys: String, CodingKey {
        case event, generation, step, target, source, old, new
        case sourceStep = "source_step", targetScore = "target_score", sourceScore = "source_score"
    }

    /// The record as one JSON line (no newline): keys in a fixed order,
    /// hyperparameters in `Tunable.all` order, numbers in Swift's shortest
    /// round-trip form (so decoding gives the same bits), NaN scores as null.
    public var jsonLine: String {
        var parts = ["\"event\":\"\(event.rawValue)\"", "\"generation\":\(generation)", "\"step\":\(step)",
                     "\"target\":\(target)"]
        if let source { parts.append("\"source\":\(source)") }
        if let sourceStep { parts.append("\"source_step\":\(sourceStep)") }
        if let old { parts.append("\"old\":\(Self.json(old))") }
        parts.append("\"new\":\(Self.json(new))")
        if let targetScore { parts.append("\"target_score\":\(Self.json(targetScore))") }
        if let sourceScore { parts.append("\"source_score\":\(Self.json(sourceScore))") }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// Decodes one JSON line; throws `LineageError` naming what is wrong.
    /// Only lines `jsonLine` could have written are accepted: hyperparameter
    /// names PBT tunes and finite numbers (so a record read back is written
    /// back as the same line, never as JSON that does not parse).
    public init(jsonLine line: String) throws(LineageError) {
        do {
            self = try JSONDecoder().decode(LineageRecord.self, from: Data(line.utf8))
        } catch {
            throw LineageError(message: "not a lineage record (\(Self.reason(error))): \(line.prefix(120))")
        }
        for (name, value) in Array(old ?? [:]) + Array(new) {
            guard Tunable.named(name) != nil else {
                throw LineageError(message: "'\(name.prefix(40))' is not a hyperparameter PBT changes; accepted: \(Tunable.names)")
            }
            guard value.isFinite else { throw LineageError(message: "\(name) is \(value); accepted: a finite number") }
        }
        for score in [targetScore, sourceScore] {
            if let score, !score.isFinite { throw LineageError(message: "a score of \(score); accepted: a finite number or null") }
        }
    }

    static func json(_ values: [String: Double]) -> String {
        let order = Tunable.all.map(\.name)
        let keys = values.keys.sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
        return "{" + keys.map { "\"\($0)\":\(json(values[$0]!))" }.joined(separator: ",") + "}"
    }

    static func json(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "'\(c.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        case DecodingError.dataCorrupted(let c): return c.debugDescription
        default: return "\(error)"
        }
    }
}

/// A lineage file or record that cannot be read.
public struct LineageError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
