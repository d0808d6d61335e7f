import Agents
import Autodiff

/// The agent's last N steps as L_φ reads them: a ring of rows holding the
/// data block of `RowLayout` (s, a, r, d, t/T) plus what recomputing the
/// policy columns needs (s alone, and the action as an index or a vector).
/// Filled from each rollout; read oldest row first. Storage is allocated once.
public final class ExperienceBuffer {
    public let layout: RowLayout
    /// N.
    public let capacity: Int
    /// T, the lifetime the time column t/T is measured against.
    public let lifetimeSteps: Int
    /// γ of the reward-to-go column Ĝ (with return features).
    public let gamma: Float
    /// Rows held (≤ N).
    public private(set) var count = 0
    /// Rows ever appended (the agent's environment steps so far, with one instance).
    public private(set) var appended = 0
    private var head = 0  // the slot the next row goes to
    private var data: [Float]
    private var observations: [Float]
    private var actionIndices: [Int32]
    private var actionValues: [Float]

    public init(layout: RowLayout, capacity: Int, lifetimeSteps: Int, gamma: Float = 0.99) {
        precondition(capacity > 0 && lifetimeSteps > 0, "ExperienceBuffer: capacity and lifetime must be positive")
        self.layout = layout
        self.capacity = capacity
        self.lifetimeSteps = lifetimeSteps
        self.gamma = gamma
        data = [Float](repeating: 0, count: capacity * layout.dataWidth)
        observations = [Float](repeating: 0, count: capacity * layout.observationSize)
        actionIndices = [Int32](repeating: 0, count: layout.isDiscrete ? capacity : 0)
        actionValues = [Float](repeating: 0, count: layout.isDiscrete ? 0 : capacity * layout.actionComponents)
    }

    /// Appends a rollout's rows in time order (one instance: row t is step t).
    /// The reward column holds the environment's own reward; done is
    /// terminated ∨ truncated; t/T is the step's index in the lifetime over T.
    public func append(_ rollout: RolloutBuffer) {
        precondition(rollout.numEnvs == 1, "ExperienceBuffer reads one environment instance (num_envs = 1)")
        precondition(rollout.observationSize == layout.observationSize, "ExperienceBuffer: observation size differs")
        let d = layout.observationSize, a = layout.actionComponents, w = layout.dataWidth
        let obs = rollout.observations, rewards = rollout.environmentRewards
        let terminated = rollout.terminated, truncated = rollout.truncated
        for t in 0..<rollout.count {
            let slot = head, base = slot * w
            for j in 0..<d {
                data[base + j] = obs[t * d + j]
                observations[slot * d + j] = obs[t * d + j]
            }
            if layout.isDiscrete {
                let action = rollout.actionIndices[t]
                actionIndices[slot] = action
                for j in 0..<a { data[base + d + j] = j == Int(action) ? 1 : 0 }
            } else {
                for j in 0..<a {
                    let v = rollout.actionValues[t * a + j]
                    data[base + d + j] = v
                    actionValues[slot * a + j] = v
                }
            }
            data[base + layout.rewardColumn] = rewards[t]
            data[base + layout.doneColumn] = terminated[t] || truncated[t] ? 1 : 0
            data[base + layout.timeColumn] = Float(Double(appended) / Double(lifetimeSteps))
            appended += 1
            head = (head + 1) % capacity
            count = min(count + 1, capacity)
        }
        updateReturns()
    }

    /// Rewrites the Ĝ column: Ĝᵢ = rᵢ + γ(1 − dᵢ)Ĝᵢ₊₁ from the newest row
    /// back (0 past it), then standardised over the buffer, (Ĝ − mean)/(std + 10⁻⁸), in Double.
    func updateReturns() {
        guard let column = layout.returnColumn, count > 0 else { return }
        let w = layout.dataWidth
        var g = [Double](repeating: 0, count: count)
        var next = 0.0
        for i in stride(from: count - 1, through: 0, by: -1) {
            let base = slot(i) * w
            let done = data[base + layout.doneColumn] > 0
            next = Double(data[base + layout.rewardColumn]) + (done ? 0 : Double(gamma) * next)
            g[i] = next
        }
        let mean = g.reduce(0, +) / Double(count)
        let variance = g.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)
        let scale = 1 / (variance.squareRoot() + 1e-8)
        for i in 0..<count { data[slot(i) * w + column] = Float((g[i] - mean) * scale) }
    }

    /// Slot of the i-th oldest row.
    @inline(__always) func slot(_ i: Int) -> Int { (head - count + i + capacity) % capacity }

    /// The data block `[count, dataWidth]`, oldest row first.
    public func dataTensor(on tape: Tape) -> Tensor {
        let w = layout.dataWidth
        return tape.constant(rows: count, cols: w) { out in
            for i in 0..<self.count {
                let s = self.slot(i) * w
                for j in 0..<w { out[i * w + j] = self.data[s + j] }
            }
        }
    }

    /// The observations `[count, observationSize]`, oldest first (for π_θ).
    public func observationTensor(on tape: Tape) -> Tensor {
        let d = layout.observationSize
        return tape.constant(rows: count, cols: d) { out in
            for i in 0..<self.count {
                let s = self.slot(i) * d
                for j in 0..<d { out[i * d + j] = self.observations[s + j] }
            }
        }
    }

    /// The actions as `ActionBatch`: indices written to `indices` (count of
    /// them), or a `[count, D]` constant.
    public func actions(on tape: Tape, indices: UnsafeMutableBufferPointer<Int32>) -> ActionBatch {
        if layout.isDiscrete {
            for i in 0..<count { indices[i] = actionIndices[slot(i)] }
            return .indices(UnsafeBufferPointer(rebasing: indices[0..<count]))
        }
        let a = layout.actionComponents
        return .values(tape.constant(rows: count, cols: a) { out in
            for i in 0..<self.count {
                let s = self.slot(i) * a
                for j in 0..<a { out[i * a + j] = self.actionValues[s + j] }
            }
        })
    }

    /// The rewards `[count, 1]` (oldest first).
    public func rewardTensor(on tape: Tape) -> Tensor { column(layout.rewardColumn, on: tape) }

    /// The standardised returns Ĝ `[count, 1]` (nil without return features).
    public func returnTensor(on tape: Tape) -> Tensor? { layout.returnColumn.map { column($0, on: tape) } }

    func column(_ c: Int, on tape: Tape) -> Tensor {
        let w = layout.dataWidth
        return tape.constant(rows: count, cols: 1) { out in
            for i in 0..<self.count { out[i] = self.data[self.slot(i) * w + c] }
        }
    }
}
