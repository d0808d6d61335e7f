import ArgumentParser
import Foundation
import PopulusKit

/// `populus report populations/<run> [--output DIR]`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Draw a run as a self-contained HTML page (inline SVG, no scripts, nothing fetched): <run>/report/index.html.",
        discussion: "Every run kind: \(RunKinds.populus.algorithms). The page is drawn from the newest intact checkpoint.\n\n  populus report populations/pbt-cartpole")

    @OptionGroup var target: RunPathArgument

    @Option(help: ArgumentHelp("Where to write the page and its files (default: <run>/report).", valueName: "dir"))
    var output: String?

    @OptionGroup var execution: ExecutionOptions

    func run() throws {
        let saved = try SavedCheckpoint.locate(target.path, policy: .newestIntact, forWriting: output == nil)
        warnSkipped(saved)
        let directory = output.map { URL(fileURLWithPath: $0) } ?? saved.directory.root.appendingPathComponent("report")
        let page = try RunKinds.populus.forCheckpoint(saved).report(saved, directory, execution.settings())
        print("wrote \(page.path)")
    }
}
