import Environments
import Evolution
import Random

extension EPGRun {
    /// What a validation found.
    public struct Validation: Sendable {
        /// Mean fitness of the lifetimes (NaN if none finished an episode).
        public var meanReturn: Double
        public var lifetimes: Int
        public var steps: Int
    }

    /// The held-out tasks validation trains on: `validation_tasks` draws from
    /// the `test` split under `(seed, ["epg-validation"])` — other draws than
    /// `compare`'s, so choosing the best φ on them does not peek at the report.
    public func validationTasks() throws -> [AnyTask] {
        let seed = streamKey(seed: configuration.seed, path: ["epg-validation"])
        return try innerLoop.family.tasks(seed: seed, split: .test, count: configuration.outer.validationTasks)
    }

    /// Trains one agent per validation task with φ = `genome` and α = 0, in
    /// parallel; agent i's streams are `(seed, ["epg-validation", i])`, the
    /// same at every validation, so scores of different φ are comparable.
    public func validate(_ genome: [Float]) -> Validation {
        guard let tasks = try? validationTasks() else { return Validation(meanReturn: .nan, lifetimes: 0, steps: 0) }
        let loop = innerLoop
        let seed = configuration.seed
        let results = ResultSlots(count: tasks.count)
        concurrentForEach(tasks.count, threads: threads) { i, _ in
            let outcome = try? loop.run(genome: genome, alpha: 0, task: tasks[i], seed: seed,
                                        path: ["epg-validation", .init(i)])
            results.set(i, fitness: outcome?.fitness ?? .nan, steps: outcome?.steps ?? 0)
        }
        let fitness = results.fitness
        let finite = fitness.filter(\.isFinite)
        return Validation(meanReturn: finite.count == fitness.count && !finite.isEmpty
                                        ? finite.reduce(0, +) / Double(finite.count) : .nan,
                          lifetimes: tasks.count, steps: results.steps.reduce(0, +))
    }
}

/// Fitness and step counts of parallel lifetimes, one slot each (raw storage).
final class ResultSlots: @unchecked Sendable {
    let count: Int
    private let values: UnsafeMutablePointer<Double>
    private let stepCounts: UnsafeMutablePointer<Int>

    init(count: Int) {
        self.count = count
        values = .allocate(capacity: max(count, 1))
        values.initialize(repeating: .nan, count: max(count, 1))
        stepCounts = .allocate(capacity: max(count, 1))
        stepCounts.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        values.deallocate()
        stepCounts.deallocate()
    }

    func set(_ i: Int, fitness: Double, steps: Int) {
        precondition(i >= 0 && i < count, "ResultSlots: slot \(i) outside 0..<\(count)")
        values[i] = fitness
        stepCounts[i] = steps
    }

    var fitness: [Double] { (0..<count).map { values[$0] } }
    var steps: [Int] { (0..<count).map { stepCounts[$0] } }
}
