/// One parser under test: a name (the corpus folder `Fuzz/corpus/<name>/`
/// and the first argument of `populus-fuzz`), a line saying what an input
/// is, and the function every input goes through.
///
/// The contract a target checks: the function may throw (a refused input is
/// fine: the user sees the error and exit status 2), but must never trap,
/// hang or allocate more than the input could describe. A trap inside the
/// function (a `precondition`, an overflow, an out-of-range index) is a
/// finding; so is one in the target itself, which is how the targets assert
/// properties such as "a config that decodes writes YAML that decodes again".
struct FuzzTarget: Sendable {
    let name: String
    let summary: String
    let run: @Sendable ([UInt8]) throws -> Void
}

/// Every target, in the order `make fuzz` runs them.
enum FuzzTargets {
    static let all: [FuzzTarget] = [
        ConfigTarget.target,
        CheckpointTarget.target,
        SectionTarget.target,
        PolicyTarget.target,
        ObjectiveTarget.target,
        LineageTarget.target,
        ScheduleTarget.target,
        PBTFilesTarget.target,
    ]

    /// The target called `name`, or nil.
    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    /// "config, checkpoint, …" for messages.
    static var names: String { all.map(\.name).joined(separator: ", ") }
}

/// A property a target checks failed: a bug even though nothing trapped
/// inside the parser (libFuzzer records the input as a crash).
func fuzzFailure(_ target: String, _ message: String) -> Never {
    fatalError("\(target): \(message)")
}
