import Config

extension ConfigValidator {
    /// The family a config names (the value `name` of `key`, usually `env`),
    /// checked to have `split` when one is given: the one place every run
    /// kind's config resolves its environment. A problem is a config error at
    /// `key` (an unknown name, listing the known ones and the nearest) or at
    /// `splitKey` (a split the family lacks, listing the ones it has).
    public func family(_ key: String, _ name: String, split: TaskSplit? = nil, splitKey: String? = nil,
                       registry: EnvironmentRegistry = .standard) throws -> AnyTaskDistribution {
        let family: AnyTaskDistribution
        do {
            family = try registry.resolve(name)
        } catch {
            throw failure(key, "\(error)")
        }
        if let split, !family.splits.contains(split) {
            let accepted = family.splits.map(\.rawValue).joined(separator: ", ")
            throw failure(splitKey ?? key, "'\(family.name)' has no '\(split.rawValue)' split; accepted: \(accepted)")
        }
        return family
    }
}
