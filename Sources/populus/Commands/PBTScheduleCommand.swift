import ArgumentParser
import Foundation
import PopulusKit

/// `populus pbt schedule populations/<run> [--member best|N] [--output FILE]`.
struct PBTScheduleCommand: ParsableCommand {
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
        let files = try PBTRunFiles(directory: URL(fileURLWithPath: path))
        guard let best = files.bestMember else { throw RunError("\(path): no generation has completed yet") }
        let m = member == "best" ? best : Int(member)!
        let schedule: HyperparameterSchedule
        do { schedule = try files.schedule(member: m) } catch let e as LineageError { throw RunError("\(path): \(e)") }
        print(PBTScheduleTable.text(schedule, space: files.space))
        if let output {
            let url = URL(fileURLWithPath: output)
            do { try Data((schedule.json + "\n").utf8).write(to: url, options: .atomic) } catch {
                throw RunError("\(output): cannot be written (\(error.localizedDescription))")
            }
            print("wrote \(url.path); replay it with: populus train CONFIG --schedule \(output)")
        }
    }
}

