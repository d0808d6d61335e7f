import PopulusKit

/// `lineage`: PBT's `lineage.jsonl` (also every PBT checkpoint's "lineage"
/// section), then what `populus pbt schedule` does with it: every
/// member's schedule traced back through its exploits.
///
/// Input: the JSON-lines text.
enum LineageTarget {
    static let target = FuzzTarget(name: "lineage", summary: "lineage.jsonl text (PBT starts and exploits)", run: run)

    static func run(_ bytes: [UInt8]) throws {
        guard let text = FuzzInput.text(bytes) else { return }
        let records = try LineageLog.records(in: text, file: "lineage.jsonl")
        let again = try? LineageLog.records(in: LineageLog.text(records), file: "again.jsonl")
        guard again == records else { fuzzFailure("lineage", "records do not survive being written and read") }
        let members = Set(records.map(\.target)).sorted().prefix(8)
        let last = records.map(\.step).max() ?? 0
        for m in members {
            _ = try? HyperparameterSchedule.trace(records, run: "fuzz", member: m, step: last, score: nil)
        }
    }
}
