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
        let configURL = directory.appendingPathComponent("config.yaml")
        guard FileManager.default.fileExists(atPath: configURL.path) else {
            throw LineageError(message: "\(directory.path): not a run directory (no config.yaml)")
        }
        let configText: String
        do { configText = try String(contentsOf: configURL, encoding: .utf8) } catch {
            throw LineageError(message: "\(configURL.path): cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        let metricsURL = directory.appendingPathComponent("metrics.csv")
        let metricsText: String
        do { metricsText = try String(contentsOf: metricsURL, encoding: .utf8) } catch {
            throw LineageError(message: "\(metricsURL.path): cannot be read (\(error.localizedDescription))")
        }
        let log = LineageLog(directory: directory)
        let lineageText: String?
        if FileManager.default.fileExists(atPath: log.url.path) {
            do { lineageText = String(decoding: try Data(contentsOf: log.url), as: UTF8.self) } catch {
                throw LineageError(message: "\(log.url.path): cannot be read (\(error.localizedDescription))")
            }
        } else {
            lineageText = nil
        }
        try self.init(directory: directory, configText: configText, metricsText: metricsText, lineageText: lineageText)
    }

    /// The run from its files' texts (`lineageText` nil: no lineage file);
    /// errors name the files inside `directory`.
    public init(directory: URL, configText: String, metricsText text: String, lineageText: String?) throws {
        self.directory = directory
        let configURL = directory.appendingPathComponent("config.yaml")
        do {
            let document = try ConfigDocument(yaml: configText, file: configURL.path)
            let header = try document.header()
            guard header.algorithm == .pbt else {
                throw LineageError(message: "\(directory.path): a '\(header.algorithm.rawValue)' run, not a PBT run")
            }
            configuration = try document.decode(PBTConfiguration.self)
        } catch let error as ConfigError {
            throw LineageError(message: "\(error)")
        }
        let metricsURL = directory.appendingPathComponent("metrics.csv")
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
        let logPath = directory.appendingPathComponent(LineageLog.fileName).path
        lineage = try lineageText.map { try LineageLog.records(in: $0, file: logPath).filter { $0.generation <= g } } ?? []
        let space = configuration.space, p = configuration.pbt.populationSize
        let expected = PBTRun.summaryColumns + (0..<p).flatMap { m in ["m\(m)_return"] + space.names.map { "m\(m)_\($0)" } }
        guard columns == expected else {
            let differs = zip(columns, expected).first { $0 != $1 }.map { " ('\($0.0)' where '\($0.1)' belongs)" } ?? ""
            throw LineageError(message: "\(metricsURL.path): \(columns.count) columns\(differs); a PBT run of \(p) members searching \(space.dimensions.count) hyperparameters writes \(expected.count): \(expected.prefix(9).joined(separator: ","))…")
        }
        // The counts read back as integers must be whole numbers in range.
        for (i, row) in rows.enumerated() {
            for (column, upper) in [("generation", Self.maxCount), ("env_steps", Self.maxCount), ("best_member", p - 1)] {
                let v = row[columns.firstIndex(of: column)!]
                guard v.isFinite, v == v.rounded(), v >= 0, v <= Double(upper) else {
                    throw LineageError(message: "\(metricsURL.path):\(i + 2): \(column) is \(v); accepted: a whole number from 0 to \(upper)")
                }
            }
        }
    }

    /// The largest count a metrics row may hold (2⁵³: every integer below is exact as a Double).
    static let maxCount = 9_007_199_254_740_992

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
