import ArgumentParser
import Foundation
import PopulusKit

/// `populus poet show populations/<run> ENV [--output file.svg]`.
struct POETShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Render one environment's course and one episode of its paired agent as an SVG file.",
        discussion: "ENV is an environment id as `populus inspect` lists them (active or archived). The episode is deterministic (seeded by the run seed and the id), so the same checkpoint always draws the same picture."
    )

    @Argument(help: ArgumentHelp("A POET run directory (populations/<name>) or one of its checkpoint files.", valueName: "run"))
    var path: String

    @Argument(help: ArgumentHelp("The environment's id.", valueName: "env"))
    var env: Int

    @Option(help: ArgumentHelp("Where to write the SVG (default: <run>/env-<ENV>.svg).", valueName: "file"))
    var output: String?

    @Flag(help: "Draw the course only, without playing an episode.")
    var courseOnly = false

    func run() throws {
        let saved = try SavedRun<POETRun>.load(path)
        let run = saved.run
        guard let pair = run.pair(id: env) else {
            let ids = run.allPairs.map { String($0.id) }.joined(separator: ", ")
            throw RunError("\(path): no environment \(env); this run has: \(ids)")
        }
        let (drawing, outcome) = try run.drawing(of: pair, trace: !courseOnly)
        let root = saved.directory.root
        let target = output.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("env-\(env).svg")
        try Data(drawing.svg.utf8).write(to: target, options: .atomic)
        print("env \(pair.id): \(pair.encoding)")
        print("encoding \(try pair.encoding.valueJSON)")
        print("terrain seed \(pair.terrainSeed)")
        print("distance from the start \(humanNumber(try run.family.distance(pair.encoding, run.family.initialEncoding)))")
        print("score \(humanNumber(pair.score)), best \(humanNumber(pair.bestScore)), " + (pair.solvedAt.map { "solved at iteration \($0)" } ?? "unsolved"))
        if let outcome { print("episode: return \(humanNumber(outcome.totalReward)) in \(outcome.steps) steps") }
        print("wrote \(target.path)")
    }
}
