import Agents

/// Replays a PBT schedule on one fresh agent (`populus train CONFIG
/// --schedule FILE`): from each segment's `from_step` on, the agent trains
/// with that segment's hyperparameters (the config's for the rest), and after
/// the last segment it keeps the last ones. The agent switches at its first
/// update boundary at or past each step, so with the PBT run's `ppo:` section
/// (the same N·T) it switches exactly where the lineage did.
///
///     let replay = try ScheduleReplay(try HyperparameterSchedule.read(url), base: config.ppo)
///     try replay.train(agent, until: config.totalSteps) { stats in … }
public struct ScheduleReplay: Sendable {
    public let schedule: HyperparameterSchedule
    /// Each segment's full hyperparameters (the base with the segment's values).
    public let hyperparameters: [PPOHyperparameters]

    /// Checks every segment against `base`: known names, accepted values.
    /// α is never annealed during a replay (PBT schedules it itself).
    public init(_ schedule: HyperparameterSchedule, base: PPOHyperparameters) throws(LineageError) {
        guard !schedule.segments.isEmpty else { throw LineageError(message: "the schedule has no segments") }
        self.schedule = schedule
        hyperparameters = try schedule.segments.map { (segment) throws(LineageError) -> PPOHyperparameters in
            var h = base
            h.annealLR = false
            for (name, value) in segment.hyperparameters.sorted(by: { $0.key < $1.key }) {
                guard let t = Tunable.named(name), t.accepts(value) else {
                    throw LineageError(message: "segment from step \(segment.fromStep): \(name) = \(value) is not a value PBT could have set")
                }
                t.apply(value, to: &h)
            }
            return h
        }
    }

    /// Trains `agent` to `total` environment steps along the schedule.
    public func train(_ agent: Agent, until total: Int, onUpdate: (UpdateStats) -> Void = { _ in }) throws {
        for (k, segment) in schedule.segments.enumerated() where agent.steps < total {
            let end = k == schedule.segments.count - 1 ? total : min(segment.toStep, total)
            try agent.setHyperparameters(hyperparameters[k])
            agent.train(until: end, onUpdate: onUpdate)
        }
    }

    /// Lines for people: "steps 0–40960: learning_rate=0.0021 …".
    public var description: [String] {
        schedule.segments.map { s in
            "steps \(s.fromStep)–\(s.toStep): " + s.hyperparameters.sorted { $0.key < $1.key }
                .map { "\($0.key)=\(formatValue($0.value))" }.joined(separator: " ")
        }
    }
}
