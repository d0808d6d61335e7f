import ArgumentParser
import PopulusKit
import Foundation

/// `populus pbt overhead CONFIG [--populations 8,32] [--generations 3]`.
struct PBTOverheadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overhead",
        abstract: "Measure PBT's own cost: the share of wall time spent on scoring, exploit decisions, snapshots and copies of weights and Adam state, explore and lineage, against training, for each population size (synchronous mode, nothing written).",
        discussion: "Also times writing a checkpoint of the whole population (every agent's full state), which the driver does every checkpoint_every generations.\n\n  populus pbt overhead Configs/pbt-pendulum.yaml --populations 8,32 --generations 3")

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("Population sizes, comma-separated.", valueName: "list"))
    var populations = "8,32"

    @Option(help: ArgumentHelp("Generations to time per population size (default 3).", valueName: "n"))
    var generations = 3

    @OptionGroup var execution: ExecutionOptions

    func validate() throws {
        guard generations >= 1 else { throw ValidationError("--generations must be at least 1, got \(generations)") }
        _ = try sizes()
    }

    func sizes() throws -> [Int] {
        try populations.split(separator: ",").map { part in
            guard let p = Int(part.trimmingCharacters(in: .whitespaces)), (2...4096).contains(p) else {
                throw ValidationError("--populations: '\(part)' is not a population size (2…4096)")
            }
            return p
        }
    }

    func run() throws {
        let base = try options.load(PBTConfiguration.self)
        print("population  generations  training s  PBT bookkeeping s  overhead  checkpoint s  checkpoint MB")
        for p in try sizes() {
            var c = base
            c.pbt.populationSize = p
            c.pbt.mode = .synchronous
            c.generations = generations
            var run = try PBTRun(configuration: c, threads: execution.threads)
            for _ in 0..<generations { _ = try run.runGeneration() }
            let t = run.timings
            let start = ContinuousClock.now
            var checkpoint = Checkpoint(kind: PBTRun.kind, generation: run.generation)
            run.save(into: &checkpoint)
            let bytes = checkpoint.encoded()
            let d = ContinuousClock.now - start
            let save = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            print([("\(p)", 12), ("\(generations)", 13), (String(format: "%.2f", t.training), 12),
                   (String(format: "%.4f", t.bookkeeping), 19), (String(format: "%.3f%%", 100 * t.overheadShare), 10),
                   (String(format: "%.3f", save), 14), (String(format: "%.2f", Double(bytes.count) / 1e6), 0)]
                .map { $0.0.padding(toLength: max($0.1, $0.0.count + 1), withPad: " ", startingAt: 0) }.joined())
        }
    }
}
