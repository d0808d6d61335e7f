import Runs
import Environments
import Evolution
import Random

extension ObjectiveRun {
    /// "epg-validation", "lpo-validation".
    static var validationLabel: String { Family.streamPrefix + "-validation" }

    /// What a validation found.
    public struct Validation: Sendable {
        /// Mean fitness of the lifetimes (NaN if none finished an episode).
        public var meanReturn: Double
        public var lifetimes: Int
        public var steps: Int
    }

    /// The held-out tasks validation trains on: `validation_tasks` draws from
    /// the `test` split under `(seed, ["<prefix>-validation"])` — other draws than
    /// `compare`'s, so choosing the best φ on them does not peek at the report.
    public func validationTasks() throws -> [AnyTask] {
        let seed = streamKey(seed: configuration.seed, path: [.label(Self.validationLabel)])
        return try lifetimes.family.tasks(seed: seed, split: .test, count: configuration.outer.validationTasks)
    }

    /// Trains one agent per validation task with φ = `genome` and α = 0,
    /// through the backend; agent i's streams are `(seed, ["<prefix>-validation", i])`,
    /// the same at every validation, so scores of different φ are comparable.
    public func validate(_ genome: [Float]) throws -> Validation {
        guard let tasks = try? validationTasks() else { return Validation(meanReturn: .nan, lifetimes: 0, steps: 0) }
        let loop = lifetimes, label = Self.validationLabel
        let seed = configuration.seed
        let results = try backend.map(tasks.count) { i, _ -> [Double] in
            let outcome = try? loop.run(genome: genome, alpha: 0, task: tasks[i], seed: seed,
                                        path: [.label(label), .init(i)], probe: nil)
            return [outcome?.fitness ?? .nan, Double(outcome?.steps ?? 0)]
        }
        let fitness = results.map { $0[0] }
        let finite = fitness.filter(\.isFinite)
        return Validation(meanReturn: finite.count == fitness.count && !finite.isEmpty
                                        ? finite.reduce(0, +) / Double(finite.count) : .nan,
                          lifetimes: tasks.count, steps: results.reduce(0) { $0 + Int($1[1]) })
    }
}
