import Foundation
import PopulusKit

/// `pbt-files`: a PBT run directory as `populus pbt schedule` and
/// `populus report` read it from its files — `config.yaml`, `metrics.csv`
/// and `lineage.jsonl` — then the best member, every member's schedule and
/// the report page (its plots of every metric and the lineage tree).
///
/// Input: config.yaml's text, a line `#--metrics.csv` and the CSV, then
/// optionally a line `#--lineage.jsonl` and the lineage.
enum PBTFilesTarget {
    static let target = FuzzTarget(
        name: "pbt-files", summary: "config.yaml, '#--metrics.csv' and the CSV, '#--lineage.jsonl' and the lineage",
        run: run)

    static func run(_ bytes: [UInt8]) throws {
        guard let text = FuzzInput.text(bytes) else { return }
        let (config, rest) = FuzzInput.parts(text, markers: ["#--metrics.csv", "#--lineage.jsonl"])
        guard let metrics = rest[0] else { return }
        let files = try PBTRunFiles(directory: URL(fileURLWithPath: "/fuzz/pbt"), configText: config,
                                    metricsText: metrics, lineageText: rest[1])
        _ = files.bestMember
        _ = files.stepsPerMember
        for m in 0..<min(files.populationSize, 8) {
            _ = files.scores(m)
            _ = try? files.schedule(member: m)
        }
        _ = try? PBTRun.reportPage(files)
    }
}
