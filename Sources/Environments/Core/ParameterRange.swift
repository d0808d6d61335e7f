import Random

/// Where one physical parameter of a randomised family is drawn from:
/// uniformly from `train` for the `train` and `test` splits, and for `ood`
/// uniformly from the union of the `ood` intervals (which lie outside
/// `train`), an interval picked with probability proportional to its width —
/// the "extreme" ranges of Packer et al. 2018, *Assessing Generalization in
/// Deep Reinforcement Learning*.
public struct ParameterRange: Sendable, Codable, Equatable, CustomStringConvertible {
    public var name: String
    public var train: ClosedRange<Double>
    public var ood: [ClosedRange<Double>]

    public init(_ name: String, train: ClosedRange<Double>, ood: [ClosedRange<Double>]) {
        precondition(ood.allSatisfy { !$0.overlaps(train) || $0.upperBound == train.lowerBound
                                      || $0.lowerBound == train.upperBound },
                     "ood ranges of \(name) must lie outside the training range")
        self.name = name
        self.train = train
        self.ood = ood
    }

    /// One draw for `split`.
    public func sample(_ split: TaskSplit, stream: RandomStream) -> Double {
        switch split {
        case .train, .test:
            return stream.uniform(train.lowerBound, train.upperBound)
        case .ood:
            let widths = ood.map { $0.upperBound - $0.lowerBound }
            var u = stream.uniform() * widths.reduce(0, +)
            for (range, w) in zip(ood, widths) {
                if u < w || range == ood.last { return range.lowerBound + min(u, w) }
                u -= w
            }
            preconditionFailure("ParameterRange \(name) has no ood interval")
        }
    }

    public var description: String {
        func r(_ x: ClosedRange<Double>) -> String { "[\(x.lowerBound), \(x.upperBound)]" }
        return "\(name) train \(r(train)), ood \(ood.map(r).joined(separator: " ∪ "))"
    }
}
