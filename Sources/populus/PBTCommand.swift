import ArgumentParser
import Foundation
import PBT

extension Populus {
    /// `populus pbt …`: PBT's own tools (runs themselves go through `evolve`).
    struct Pbt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pbt",
            abstract: "Population Based Training tools: a member's hyperparameter schedule, PBT against random search, PBT's overhead.",
            discussion: "Run PBT itself with `populus evolve Configs/pbt-cartpole.yaml`; draw it with `populus report populations/<run>`.",
            subcommands: [PBTSchedule.self, PBTVersusRandom.self, PBTOverhead.self]
        )
    }
}

/// `populus pbt schedule populations/<run> [--member best|N] [--output FILE]`.
struct PBTSchedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Print the hyperparameter schedule of a member's lineage: which hyperparameters its weights were trained with, interval by interval, through every exploit back to the start.",
        discussion: """
            Reads config.yaml, metrics.csv and lineage.jsonl (a running or stopped run works too: only completed generations count). \
            --output writes the schedule as JSON for `populus train CONFIG --schedule FILE`, which replays it on one fresh agent.

              populus pbt schedule populations/pbt-pendulum --member best --output best.json
            """)

    @Argument(help: ArgumentHelp("A PBT run directory (populations/<name>).", valueName: "run"))
    var path: String

    @Option(help: ArgumentHelp("Which member: best (the highest score at the last generation) or its index.", valueName: "best|N"))
    var member = "best"

    @Option(help: ArgumentHelp("Also write the schedule as JSON to this file.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard member == "best" || (Int(member).map { $0 >= 0 } ?? false) else {
            throw ValidationError("--member '\(member)' is not accepted; use best or a member index (0, 1, …)")
        }
    }

    func run() throws {
        try reportingFailures {
            let files = try loadPBTRun(path)
            guard let best = files.bestMember else { throw UsageFailure("\(path): no generation has completed yet") }
            let m = member == "best" ? best : Int(member)!
            let schedule: HyperparameterSchedule
            do { schedule = try files.schedule(member: m) } catch let e as LineageError { throw UsageFailure("\(path): \(e)") }
            print(PBTScheduleTable.text(schedule, space: files.space))
            if let output {
                let url = URL(fileURLWithPath: output)
                do { try Data((schedule.json + "\n").utf8).write(to: url, options: .atomic) } catch {
                    throw UsageFailure("\(output): cannot be written (\(error.localizedDescription))")
                }
                print("wrote \(url.path); replay it with: populus train CONFIG --schedule \(output)")
            }
        }
    }
}

/// A PBT run directory's files, with file problems as usage failures.
func loadPBTRun(_ path: String) throws -> PBTRunFiles {
    do {
        return try PBTRunFiles(directory: URL(fileURLWithPath: path))
    } catch let error as LineageError {
        throw UsageFailure(error.description)
    }
}

/// The schedule as people read it:
///
///     pbt-pendulum, member 3: score -181.2 after 327,680 steps; lineage 6 → 2 → 3
///     steps               member  learning_rate
///     0–40,960            6       0.0021
enum PBTScheduleTable {
    static func text(_ s: HyperparameterSchedule, space: HyperparameterSpace) -> String {
        var carriers: [Int] = []
        for seg in s.segments where carriers.last != seg.member { carriers.append(seg.member) }
        var out = "\(s.run), member \(s.member): score \(s.score.map(humanNumber) ?? "none") after \(grouped(s.steps)) steps; "
            + "lineage \(carriers.map(String.init).joined(separator: " → ")), \(s.segments.count - 1) exploit\(s.segments.count == 2 ? "" : "s")\n"
        let header = ["steps", "member"] + space.names
        var rows = [header]
        for seg in s.segments {
            rows.append(["\(grouped(seg.fromStep))–\(grouped(seg.toStep))", "\(seg.member)"]
                        + space.names.map { seg.hyperparameters[$0].map(formatted) ?? "–" })
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max()! }
        for row in rows {
            out += row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        return String(out.dropLast())
    }

    static func formatted(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%.4g", v)
    }

    /// 40960 → "40,960".
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
