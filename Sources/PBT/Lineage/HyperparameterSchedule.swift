import Foundation

/// The hyperparameters the weights of one member were trained with, interval
/// by interval, following its lineage back through every exploit to the
/// member it started as — the schedule PBT discovered (Jaderberg et al.
/// 2017, §4: "the hyperparameter schedule of the best member").
///
/// Written by `populus pbt schedule … --output FILE` and replayed on a fresh
/// agent by `populus train CONFIG --schedule FILE`.
///
/// ```json
/// {"run":"pbt-pendulum","member":3,"score":-180.2,"steps":409600,
///  "segments":[{"from_step":0,"to_step":40960,"member":6,"hyperparameters":{"learning_rate":0.0021}}, …]}
/// ```
public struct HyperparameterSchedule: Sendable, Equatable, Codable {
    /// Steps (from_step, to_step] trained with `hyperparameters` by the weights' carrier `member`.
    public struct Segment: Sendable, Equatable, Codable {
        public var fromStep: Int
        public var toStep: Int
        /// The member whose weights these were during the segment.
        public var member: Int
        public var hyperparameters: [String: Double]

        public init(fromStep: Int, toStep: Int, member: Int, hyperparameters: [String: Double]) {
            self.fromStep = fromStep
            self.toStep = toStep
            self.member = member
            self.hyperparameters = hyperparameters
        }

        enum CodingKeys: String, CodingKey {
            case fromStep = "from_step", toStep = "to_step", member, hyperparameters
        }
    }

    /// The run it came from.
    public var run: String
    /// The member traced (at the end of the run).
    public var member: Int
    /// Its score at the end (recent mean return), when known.
    public var score: Double?
    /// The member's environment steps at the end.
    public var steps: Int
    /// In order, covering (0, steps].
    public var segments: [Segment]

    public init(run: String, member: Int, score: Double?, steps: Int, segments: [Segment]) {
        self.run = run
        self.member = member
        self.score = score
        self.steps = steps
        self.segments = segments
    }

    /// The hyperparameters in force at environment step `step` (the segment
    /// with from_step ≤ step < to_step; the last one past the end).
    public func hyperparameters(at step: Int) -> [String: Double] {
        segments.first { step >= $0.fromStep && step < $0.toStep }?.hyperparameters ?? segments.last?.hyperparameters ?? [:]
    }

    /// Traces `member`'s lineage back from `step` through `records`.
    ///
    /// The state a member holds just before its exploit at step t was shaped
    /// by its records with step < t: the latest such exploit at step s says
    /// the weights trained with its `new` hyperparameters over (s, t] and
    /// before that were the source's state at `source_step`, traced the same
    /// way; a `start` record ends the walk. Consecutive segments with equal
    /// hyperparameters stay separate (each is one exploit of the lineage).
    public static func trace(_ records: [LineageRecord], run: String, member: Int, step: Int,
                             score: Double? = nil) throws(LineageError) -> HyperparameterSchedule {
        var byMember: [Int: [LineageRecord]] = [:]
        for r in records { byMember[r.target, default: []].append(r) }
        var segments: [Segment] = []
        var current = member, t = step
        // Each hop moves strictly back in steps or ends at a start record.
        for _ in 0...(records.count + 1) {
            guard let r = byMember[current]?.last(where: { $0.step < t || ($0.event == .start && $0.step <= t) }) else {
                throw LineageError(message: "member \(current) has no start record before step \(t): the lineage file is incomplete")
            }
            segments.append(Segment(fromStep: r.step, toStep: t, member: current, hyperparameters: r.new))
            switch r.event {
            case .start:
                return HyperparameterSchedule(run: run, member: member, score: score, steps: step,
                                              segments: segments.reversed())
            case .exploit:
                guard let source = r.source, let sourceStep = r.sourceStep else {
                    throw LineageError(message: "an exploit record of member \(current) at step \(r.step) has no source")
                }
                current = source
                t = sourceStep
            }
        }
        throw LineageError(message: "the lineage of member \(member) does not end at a start record")
    }

    /// The schedule as pretty JSON (keys sorted; decoding gives the same values).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// Reads a schedule file; throws `LineageError` naming the file and problem.
    public static func read(_ url: URL) throws(LineageError) -> HyperparameterSchedule {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LineageError(message: "\(url.path): cannot be read (\(error.localizedDescription))")
        }
        return try decode(Array(data), file: url.path)
    }

    /// Parses and checks a schedule file's bytes (`file` names it in errors).
    public static func decode(_ bytes: [UInt8], file: String) throws(LineageError) -> HyperparameterSchedule {
        let s: HyperparameterSchedule
        do { s = try JSONDecoder().decode(HyperparameterSchedule.self, from: Data(bytes)) } catch {
            throw LineageError(message: "\(file): not a PBT schedule (\(LineageRecord.reason(error))); write one with `populus pbt schedule populations/<run> --output FILE`")
        }
        guard !s.segments.isEmpty else { throw LineageError(message: "\(file): the schedule has no segments") }
        for (a, b) in zip(s.segments, s.segments.dropFirst()) where a.toStep != b.fromStep {
            throw LineageError(message: "\(file): segments must be contiguous; one ends at step \(a.toStep), the next starts at \(b.fromStep)")
        }
        for seg in s.segments {
            guard seg.fromStep <= seg.toStep else {
                throw LineageError(message: "\(file): a segment runs from step \(seg.fromStep) back to \(seg.toStep)")
            }
            for (name, v) in seg.hyperparameters {
                guard let t = Tunable.named(name) else {
                    throw LineageError(message: "\(file): '\(name)' is not a hyperparameter PBT changes; accepted: \(Tunable.names)")
                }
                guard t.accepts(v) else {
                    throw LineageError(message: "\(file): \(name) = \(v) is not accepted; accepted: \(t.domainText)")
                }
            }
        }
        return s
    }
}
