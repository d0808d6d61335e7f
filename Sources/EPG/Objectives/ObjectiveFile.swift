import Foundation

/// An evolved drift in a small versioned text file (`zoo/*.phi`): what it is
/// (family, base, shape), where it came from (environment, run seed,
/// generations, commit, a headline result) and φ itself, each Float as the
/// hex of its bit pattern so the file reads back bit for bit.
///
///     populus-objective 1
///     family: lpo
///     base: ppo
///     hidden: 16
///     env: cartpole-random
///     seed: 1
///     generations: 30
///     commit: 1a2b3c4
///     result: evolved 376 vs PPO 208 on 16 test tasks (p = 0.0007)
///     phi: 296
///     3c23d70a bcf5c28f …               (8 a line)
///
/// `populus zoo export RUN` writes one; `train --objective FILE` and
/// `compare FILE --env NAME` read it.
public struct ObjectiveFile: Sendable, Equatable {
    public var objective: ObjectiveSection
    /// The environment it was evolved on.
    public var env: String
    public var seed: UInt64
    public var generations: Int
    /// The commit of the build that evolved it ("unknown" when not known).
    public var commit: String
    /// One line on how it did (free text).
    public var result: String
    /// φ.
    public var genome: [Float]

    public init(objective: ObjectiveSection, env: String, seed: UInt64, generations: Int, commit: String,
                result: String, genome: [Float]) {
        self.objective = objective
        self.env = env
        self.seed = seed
        self.generations = generations
        self.commit = commit
        self.result = result
        self.genome = genome
    }

    public static let magic = "populus-objective 1"

    /// The file's text.
    public var text: String {
        var lines = [Self.magic, "family: \(objective.family.rawValue)", "base: \(objective.base.rawValue)",
                     "hidden: \(objective.hidden)", "env: \(env)", "seed: \(seed)", "generations: \(generations)",
                     "commit: \(commit)", "result: \(result.replacingOccurrences(of: "\n", with: " "))",
                     "phi: \(genome.count)"]
        for start in stride(from: 0, to: genome.count, by: 8) {
            lines.append(genome[start..<min(start + 8, genome.count)]
                .map { String(format: "%08x", $0.bitPattern) }.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads `url`; throws `ObjectiveFileError` naming the file, the line and what is accepted.
    public init(contentsOf url: URL) throws {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ObjectiveFileError(file: url.path, line: nil, "cannot be read as UTF-8 text")
        }
        try self.init(text: text, file: url.path)
    }

    /// Parses `text` (reported as `file`).
    public init(text: String, file: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func fail(_ line: Int?, _ why: String) -> ObjectiveFileError { ObjectiveFileError(file: file, line: line, why) }
        guard lines.first == Self.magic else {
            throw fail(1, "expected '\(Self.magic)' (a Populus objective file, version 1)")
        }
        var fields: [String: (value: String, line: Int)] = [:]
        var index = 1
        while index < lines.count, let colon = lines[index].firstIndex(of: ":") {
            let key = String(lines[index][..<colon]), value = lines[index][lines[index].index(after: colon)...]
            fields[key] = (value.trimmingCharacters(in: .whitespaces), index + 1)
            index += 1
            if key == "phi" { break }
        }
        func field(_ key: String) throws -> (value: String, line: Int) {
            guard let f = fields[key] else { throw fail(nil, "missing the '\(key):' line") }
            return f
        }
        var objective = ObjectiveSection()
        let family = try field("family"), base = try field("base"), hidden = try field("hidden")
        guard let f = ObjectiveSection.Family(rawValue: family.value) else {
            throw fail(family.line, "family '\(family.value)'; accepted: lpo, ta-lpo")
        }
        guard let b = ObjectiveSection.Base(rawValue: base.value) else {
            throw fail(base.line, "base '\(base.value)'; accepted: ppo, dpo, none")
        }
        guard let h = Int(hidden.value), (1...4_096).contains(h) else {
            throw fail(hidden.line, "hidden '\(hidden.value)'; accepted: a whole number from 1 to 4096")
        }
        objective.family = f
        objective.base = b
        objective.hidden = h
        self.objective = objective
        env = try field("env").value
        let seedField = try field("seed"), generationsField = try field("generations")
        guard let s = UInt64(seedField.value) else { throw fail(seedField.line, "seed '\(seedField.value)'; accepted: a whole number") }
        guard let g = Int(generationsField.value), g >= 0 else {
            throw fail(generationsField.line, "generations '\(generationsField.value)'; accepted: a whole number")
        }
        seed = s
        generations = g
        commit = fields["commit"]?.value ?? "unknown"
        result = fields["result"]?.value ?? ""
        let phi = try field("phi")
        guard let count = Int(phi.value), count == objective.shape.genomeLength else {
            throw fail(phi.line, "phi: '\(phi.value)' values; a \(f.rawValue) drift with \(h) hidden units has \(objective.shape.genomeLength)")
        }
        var genome: [Float] = []
        genome.reserveCapacity(count)
        while index < lines.count, genome.count < count {
            for word in lines[index].split(separator: " ") {
                guard word.count == 8, let bits = UInt32(word, radix: 16) else {
                    throw fail(index + 1, "'\(word)' is not a Float's bit pattern (8 hex digits)")
                }
                genome.append(Float(bitPattern: bits))
            }
            index += 1
        }
        guard genome.count == count else {
            throw fail(index, "\(genome.count) values of φ; the 'phi:' line promises \(count)")
        }
        guard genome.allSatisfy(\.isFinite) else { throw fail(nil, "φ holds a non-finite value") }
        self.genome = genome
    }

    /// Writes the file atomically (a temporary file, then a rename).
    public func write(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}

/// A problem with an objective file, naming the file, the line and what is accepted.
public struct ObjectiveFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let problem: String

    public init(file: String, line: Int?, _ problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(problem)" }
}
