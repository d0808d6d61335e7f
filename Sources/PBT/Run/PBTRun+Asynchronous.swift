import Agents
import Foundation
import Runs

extension PBTRun {
    /// One asynchronous generation: each member, on its worker, trains to the
    /// ready step, publishes its score and state on the board, and decides
    /// at once — against whatever the board holds then — whether to copy,
    /// without waiting for the others. Only the end of the generation (for
    /// metrics and checkpoints) waits for everyone.
    mutating func runAsynchronous() throws -> PBTMetrics {
        let start = ContinuousClock.now
        let shared = SharedBoard(board ?? members.map { MemberSnapshot(of: $0, score: .nan) }, count: members.count)
        let members = self.members, ready = readyStep(generation), window = configuration.pbt.returnWindow
        let rule = configuration.pbt.exploitRule
        let hyperparameters = members.map(\.point)
        let run = self
        _ = try backend.map(members.count) { m, _ -> Int in
            let member = members[m]
            let trainStart = ContinuousClock.now
            member.agent.train(until: ready)
            let trainEnd = ContinuousClock.now
            let score = member.evaluate(window: window)
            member.score = score
            let mine = MemberSnapshot(of: member, score: score)
            let chosen: (Int, MemberSnapshot)? = shared.publish(mine, as: m) { scores in
                rule.source(for: m, scores: scores, rng: run.stream("exploit", m))
            }
            var outcome = MemberOutcome(score: score)
            if let (source, snapshot) = chosen {
                do {
                    outcome.record = try run.exploit(member, from: source, snapshot, targetScore: score,
                                                     rng: run.stream("explore", m))
                } catch {
                    outcome.error = error
                }
            }
            outcome.training = trainEnd - trainStart
            outcome.bookkeeping = ContinuousClock.now - trainEnd
            shared.finish(m, outcome)
            return m
        }
        let outcomes = shared.outcomes
        if let error = outcomes.compactMap(\.error).first { throw error }
        let finished = ContinuousClock.now
        let scores = outcomes.map(\.score)
        let records = outcomes.compactMap(\.record)        // member order, whatever the timing
        let row = metricsRow(scores: scores, hyperparameters: hyperparameters, exploits: records.count)
        board = shared.entries
        try finish(records, scores: scores)
        // Per-member times are summed over workers; scale them to the generation's wall time.
        let train = outcomes.reduce(Duration.zero) { $0 + $1.training }
        let book = outcomes.reduce(Duration.zero) { $0 + $1.bookkeeping }
        let total = Double((train + book).components.seconds) + Double((train + book).components.attoseconds) * 1e-18
        let wall = finished - start
        let share = total > 0 ? (Double(book.components.seconds) + Double(book.components.attoseconds) * 1e-18) / total : 0
        account(training: wall * (1 - share), bookkeeping: wall * share + (ContinuousClock.now - finished))
        return row
    }
}

/// What one member's ready check produced in an asynchronous generation.
struct MemberOutcome: @unchecked Sendable {
    var score: Double
    var record: LineageRecord? = nil
    var error: (any Error)? = nil
    var training = Duration.zero
    var bookkeeping = Duration.zero
}

/// The asynchronous board: every member's last published snapshot, behind a
/// lock, plus each member's outcome of this generation.
final class SharedBoard: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var entries: [MemberSnapshot]
    private var results: [MemberOutcome?]

    init(_ entries: [MemberSnapshot], count: Int) {
        precondition(entries.count == count, "a board of \(entries.count) entries for \(count) members")
        self.entries = entries
        results = Array(repeating: nil, count: count)
    }

    /// Publishes member m's snapshot and, under the same lock, lets it pick a
    /// source from the scores on the board now; returns the source and its snapshot.
    func publish(_ snapshot: MemberSnapshot, as m: Int, choose: ([Double]) -> Int?) -> (Int, MemberSnapshot)? {
        lock.lock()
        defer { lock.unlock() }
        entries[m] = snapshot
        guard let s = choose(entries.map(\.score)) else { return nil }
        return (s, entries[s])
    }

    func finish(_ m: Int, _ outcome: MemberOutcome) {
        lock.lock()
        results[m] = outcome
        lock.unlock()
    }

    /// Every member's outcome, in member order (after all have finished).
    var outcomes: [MemberOutcome] {
        lock.lock()
        defer { lock.unlock() }
        return results.map { $0! }
    }
}
