import Config
import Foundation

/// A PBT run directory as its files tell it — `config.yaml`, `metrics.csv`
/// and `lineage.jsonl` — for `populus pbt schedule` and `populus report`.
/// Works on a finished run, a stopped one and one still running: only the
/// generations with a metrics row count, and lineage records of a
/// generation without one (a process killed in between) are ignored.
public struct PBTRunFiles: Sendable {
    public let directory: URL
    public let configuration: PBTConfiguration
    /// `metrics.csv`'s header and rows (one per completed generation).
    public let columns: [String]
    public let rows: [[Double]]
    /// Starts and exploits up to the last completed generation.
    public let lineage: [LineageRecord]

    /// Reads the three files; throws `LineageError` naming the file and the problem.
    public init(directory: URL) throws {
        self.directory = directory
        let configURL = directory.appendingPathComponent("config.yaml")
        guard FileManager.default.fileExists(atPath: configURL.path) else {
            throw LineageError(message: "\(directory.path): not a run directory (no config.yaml)")
        }
        do {
            let document = try ConfigDocument(contentsOfFile: configURL.path)
            let header = try document.header()
            guard header.algorithm == .pbt else {
                throw LineageError(message: "\(directory.path): a '\(header.algorithm.rawValue)' run, not a PBT run")
            }
            configuration = try document.decode(PBTConfiguration.self)
        } catch let error as ConfigError {
            throw LineageError(message: "\(error)")
        }
        let metricsURL = directory.appendingPathComponent("metrics.csv")
        let text: String
        do { text = try String(contentsOf: metricsURL, encoding: .utf8) } catch {
            throw LineageError(message: "\(metricsURL.path): cannot be read (\(error.localizedDescription))")
        }
        let lines = text.split(separator: "\n").map(String.init)
        guard let header = lines.first else { throw LineageError(message: "\(metricsURL.path): empty") }
        columns = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var rows: [[Double]] = []
        for (i, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            // A torn last line (a process killed mid-write) is not a generation.
            guard fields.count == columns.count else {
                if i == lines.count - 2 { break }
                throw LineageError(message: "\(metricsURL.path):\(i + 2): \(fields.count) fields for \(columns.count) columns")
            }
            rows.append(fields.map { Double($0) ?? .nan })
        }
        self.rows = rows
        let g = rows.count
        let log = LineageLog(directory: directory)
        lineage = FileManager.default.fileExists(atPath: log.url.path) ? try log.read().filter { $0.generation <= g } : []
        let space = configuration.space
        let expected = PBTRun.summaryColumns.count + configuration.pbt.populationSize * (1 + space.dimensions.count)
        guard columns.count == expected, columns.first == "generation" else {
            throw LineageError(message: "\(metricsURL.path): \(columns.count) columns; a PBT run of \(configuration.pbt.populationSize) members searching \(space.dimensions.count) hyperparameters writes \(expected)")
        }
    }

    /// The searched space.
    public var space: HyperparameterSpace { configuration.space }
    /// P.
    public var populationSize: Int { configuration.pbt.populationSize }
    /// Completed generations.
    public var generations: Int { rows.count }

    /// The values of `column` over the generations (NaN when the column is missing).
    public func series(_ column: String) -> [Double] {
        guard let i = columns.firstIndex(of: column) else { return rows.map { _ in .nan } }
        return rows.map { $0[i] }
    }

    /// Each member's environment steps at the end of every generation.
    public var stepsPerMember: [Int] { series("env_steps").map { Int($0) / populationSize } }

    /// Member m's score at every generation.
    public func scores(_ m: Int) -> [Double] { series("m\(m)_return") }

    /// Member m's value of hyperparameter `name` during every generation.
    public func hyperparameter(_ name: String, member m: Int) -> [Double] { series("m\(m)_\(name)") }

    /// The member with the highest score at the last generation.
    public var bestMember: Int? { rows.last.map { _ in Int(series("best_member").last!) } }

    /// The schedule of member `m`'s lineage up to the last completed generation.
    public func schedule(member m: Int) throws -> HyperparameterSchedule {
        guard (0..<populationSize).contains(m) else {
            throw LineageError(message: "member \(m) does not exist; the population has members 0…\(populationSize - 1)")
        }
        guard let steps = stepsPerMember.last else {
            throw LineageError(message: "\(directory.path): no generation has completed yet")
        }
        guard !lineage.isEmpty else {
            throw LineageError(message: "\(directory.path): no lineage records (\(LineageLog.fileName) is missing or empty)")
        }
        return try HyperparameterSchedule.trace(lineage, run: configuration.name, member: m, step: steps,
                                                score: scores(m).last.flatMap { $0.isNaN ? nil : $0 })
    }
}
