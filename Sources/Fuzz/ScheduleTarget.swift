import PopulusKit

/// `schedule`: a PBT schedule file (`populus pbt schedule --output FILE`,
/// read back by `populus train --schedule FILE`), checked and turned into
/// the replay's hyperparameters.
enum ScheduleTarget {
    static let target = FuzzTarget(name: "schedule", summary: "a PBT schedule JSON file", run: run)

    static func run(_ bytes: [UInt8]) throws {
        let schedule = try HyperparameterSchedule.decode(bytes, file: "schedule.json")
        let replay = try ScheduleReplay(schedule, base: PPOHyperparameters())
        _ = replay.description
        _ = schedule.json
    }
}
