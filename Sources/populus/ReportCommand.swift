import ArgumentParser
import Config
import Foundation

extension Populus {
    /// `populus report populations/<run> [--output DIR]`.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a run as a self-contained HTML page (inline SVG, no scripts, nothing fetched): <run>/report/index.html.",
            discussion: "Runs it draws: \(ReportKinds.list). The run's config.yaml says which algorithm wrote it.\n\n  populus report populations/pbt-cartpole")

        @Argument(help: ArgumentHelp("A run directory (populations/<name>).", valueName: "run"))
        var path: String

        @Option(help: ArgumentHelp("Where to write the page and its files (default: <run>/report).", valueName: "dir"))
        var output: String?

        func run() throws {
            try reportingFailures {
                let root = URL(fileURLWithPath: path)
                let configURL = root.appendingPathComponent("config.yaml")
                guard FileManager.default.fileExists(atPath: configURL.path) else {
                    throw UsageFailure("\(path): not a run directory (no config.yaml)")
                }
                let header = try exitOnConfigError { try ConfigDocument(contentsOfFile: configURL.path).header() }
                guard let write = ReportKinds.all[header.algorithm] else {
                    throw UsageFailure("\(path): a '\(header.algorithm.rawValue)' run; `populus report` draws: \(ReportKinds.list)")
                }
                let dir = output.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("report")
                let page = try write(root, dir)
                print("wrote \(page.path)")
            }
        }
    }
}

/// The run kinds `populus report` draws: the config's `algorithm` → a writer
/// taking (run directory, output directory) and returning the page it wrote.
/// POET, EPG, … add their line here.
enum ReportKinds {
    static let all: [Algorithm: @Sendable (URL, URL) throws -> URL] = [
        .pbt: PBTRunReport.write,
        .poet: POETRunReport.write,
    ]

    /// "pbt, …" for messages.
    static var list: String { all.keys.map(\.rawValue).sorted().joined(separator: ", ") }
}
