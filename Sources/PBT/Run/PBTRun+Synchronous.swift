import Agents
import Runs

extension PBTRun {
    /// One synchronous generation: every member trains to the ready step
    /// (concurrently), all are scored, each decides on the same score
    /// snapshot whom to copy (its own exploit stream), the sources' states
    /// are snapshotted before any copy (so a member that is both copied and
    /// copying hands on its pre-exploit state), and the targets take them and explore.
    mutating func runSynchronous() throws -> PBTMetrics {
        let start = ContinuousClock.now
        let agents = members.map(\.agent), ready = readyStep(generation)
        _ = try backend.map(agents.count) { m, _ -> Int in
            agents[m].train(until: ready)
            return agents[m].steps
        }
        let trained = ContinuousClock.now
        let window = configuration.pbt.returnWindow
        let scores = members.map { $0.evaluate(window: window) }
        for (m, s) in zip(members, scores) { m.score = s }
        let hyperparameters = members.map(\.point)
        let rule = configuration.pbt.exploitRule
        let sources = members.indices.map { rule.source(for: $0, scores: scores, rng: stream("exploit", $0)) }
        var snapshots: [Int: MemberSnapshot] = [:]
        for case let s? in sources where snapshots[s] == nil { snapshots[s] = MemberSnapshot(of: members[s], score: scores[s]) }
        var records: [LineageRecord] = []
        for (m, source) in sources.enumerated() {
            guard let source else { continue }
            records.append(try exploit(members[m], from: source, snapshots[source]!, targetScore: scores[m],
                                       rng: stream("explore", m)))
        }
        let row = metricsRow(scores: scores, hyperparameters: hyperparameters, exploits: records.count)
        try finish(records, scores: scores)
        account(training: trained - start, bookkeeping: ContinuousClock.now - trained)
        return row
    }

    mutating func account(training: Duration, bookkeeping: Duration) {
        func s(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        timings.training += s(training)
        timings.bookkeeping += s(bookkeeping)
        timings.generations += 1
    }
}
