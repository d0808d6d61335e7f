import Agents
import Report

extension LPOSections {
    /// The drift D_φ(r, Â) against r for Â = +1 and Â = −1, beside PPO's clip
    /// and DPO's drift; for TA-LPO at the start, middle and end of training.
    public func figures(of genome: [Float], lifetimes: DriftLifetimes) -> [(svg: String, caption: String)] {
        let network = DriftNetwork(shape: lifetimes.shape)
        guard (try? network.load(genome)) != nil else { return [] }
        let epsilon = Float(lifetimes.hyperparameters.clipCoef)
        let ratios: [Float] = stride(from: 0.5, through: 1.6, by: 0.01).map { Float($0) }
        let x = ratios.map(Double.init)
        let progresses: [Float] = lifetimes.shape.timeAware ? [0, 0.5, 1] : [0]
        let zero = DriftNetwork(shape: lifetimes.shape)
        return [Float(1), -1].map { a in
            var plot = LinePlot(title: "D(r, Â = \(a > 0 ? "+1" : "−1"))", xLabel: "r = π/π_old", yLabel: "drift")
            for p in progresses {
                let d = network.drift(ratios: ratios, advantages: ratios.map { _ in a }, progress: p,
                                      base: lifetimes.base, epsilon: epsilon)
                plot.series.append(.init(name: progresses.count > 1 ? "evolved, n/N = \(p)" : "evolved", x: x, y: d.map(Double.init)))
            }
            for (name, base) in [("PPO clip", BuiltInDrift.clip), ("DPO", BuiltInDrift.dpo)] {
                let d = zero.drift(ratios: ratios, advantages: ratios.map { _ in a }, base: base, epsilon: epsilon)
                plot.series.append(.init(name: name, x: x, y: d.map(Double.init)))
            }
            return (plot.svg, "The drift the objective subtracts from r·Â at Â = \(a > 0 ? "+1" : "−1") (Â normalised per minibatch): 0 with zero slope at r = 1; larger means more conservative.")
        }
    }
}
