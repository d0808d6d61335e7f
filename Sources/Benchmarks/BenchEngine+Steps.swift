import PopulusKit

extension BenchEngine {
    /// A training step of an 8 → 64 → 64 → 2 tanh MLP: forward, mean squared
    /// error, backward, Adam (the JAX peer does exactly the same).
    func measureMLP(into report: inout BenchReport) {
        for batch in [64, 1] {
            let step = MLPStep(batch: batch)
            let t = bestTime(seconds: seconds, batch: 1000) { step.run() }
            report.number("mlp_us_batch\(batch)", t * 1e6, unit: "µs")
        }
    }
}

/// One Dense layer's forward and backward on a fixed input and upstream gradient.
final class DenseStep {
    let params = ParameterSet()
    let dense: Dense
    let tape = Tape()
    let input: [Float]
    let seed: [Float]
    let batch: Int

    init(width: Int, batch: Int) {
        let rng = RandomStream(seed: 1, path: ["bench", "dense", StreamPathComponent(width)])
        dense = Dense(width, width, in: params, rng: rng)
        var x = [Float](repeating: 0, count: batch * width)
        rng.fill(gaussian: &x)
        var g = x
        rng.fill(gaussian: &g)
        input = x
        seed = g
        self.batch = batch
    }

    func run() {
        tape.reset()
        let x = tape.variable(input, rows: batch, cols: dense.inputs)
        let y = dense(x)
        seed.withUnsafeBufferPointer { tape.backward(from: y, seed: $0) }
    }
}

/// The benchmark MLP training step.
final class MLPStep {
    let params = ParameterSet()
    let mlp: MLP
    let adam: Adam
    let tape = Tape()
    let x: [Float]
    let y: [Float]
    let batch: Int

    init(batch: Int) {
        let rng = RandomStream(seed: 2, path: ["bench", "mlp", StreamPathComponent(batch)])
        mlp = MLP(sizes: [8, 64, 64, 2], activation: .tanh, in: params, rng: rng)
        adam = Adam(for: params, learningRate: 1e-3)
        var x = [Float](repeating: 0, count: batch * 8)
        var y = [Float](repeating: 0, count: batch * 2)
        rng.fill(gaussian: &x)
        rng.fill(gaussian: &y)
        self.x = x
        self.y = y
        self.batch = batch
    }

    @discardableResult
    func run() -> Float {
        tape.reset()
        let xt = tape.constant(x, rows: batch, cols: 8)
        let yt = tape.constant(y, rows: batch, cols: 2)
        let loss = (mlp(xt) - yt).squared().mean()
        tape.backward(loss)
        adam.step()
        return loss.scalar
    }
}
