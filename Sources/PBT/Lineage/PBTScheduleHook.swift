import Agents
import Foundation
import Runs

/// `populus train CONFIG --schedule FILE`: a PBT schedule replayed on the
/// trained agent. The first segment's hyperparameters are set before
/// training; after every update the agent takes the segment its step count
/// has reached (so with the PBT run's N·T it switches exactly where the
/// lineage did). α is not annealed during a replay.
public final class PBTScheduleHook {
    public let replay: ScheduleReplay
    private var current = -1

    /// Reads `path` and checks it against the config's hyperparameters; usage failures name the file.
    public init(path: String, base: PPOHyperparameters) throws {
        do {
            replay = try ScheduleReplay(try HyperparameterSchedule.read(URL(fileURLWithPath: path)), base: base)
        } catch {
            throw RunError("--schedule \(error)")
        }
    }

    /// The lines `train` prints before training.
    public var lines: [String] {
        let s = replay.schedule
        return ["schedule: member \(s.member) of PBT run \(s.run), \(s.segments.count) segments"] + replay.description.map { "schedule: " + $0 }
    }

    /// Sets the hyperparameters of the segment `agent.steps` falls in (when it changed).
    public func apply(to agent: Agent) throws {
        let segments = replay.schedule.segments
        let k = segments.lastIndex { $0.fromStep <= agent.steps } ?? 0
        guard k != current else { return }
        do {
            try agent.setHyperparameters(replay.hyperparameters[k])
        } catch {
            throw RunError("--schedule: the segment from step \(segments[k].fromStep) does not fit this agent: \(error)")
        }
        current = k
    }
}
