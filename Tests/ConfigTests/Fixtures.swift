import Config

/// Configuration types shaped like the algorithms' (nested sections, lists,
/// optionals, enums, dictionaries), used by every test here.
enum Schedule: String, Codable, CaseIterable, Sendable, Equatable {
    case constant, linear, exponential
}

struct Optimizer: ConfigSection, Sendable, Equatable {
    /// α, the step size.
    var learningRate = 3e-4
    var schedule = Schedule.constant
    var betas = [0.9, 0.999]

    init() {}

    func validate(_ check: ConfigValidator) throws {
        try check.positive("learningRate", learningRate)
        try check.range("betas", each: betas, 0...1)
    }
}

struct PPOSection: ConfigSection, Sendable, Equatable {
    /// γ
    var gamma = 0.99
    /// λ
    var gaeLambda: Float = 0.95
    /// ε
    var clip = 0.2
    var epochs = 10
    var normalizeAdvantages = true
    var hiddenSizes = [64, 64]
    var targetKL: Double? = nil
    var optimizer = Optimizer()

    init() {}

    func validate(_ check: ConfigValidator) throws {
        try check.range("gamma", gamma, 0...1)
        try check.range("gaeLambda", gaeLambda, 0...1)
        try check.positive("clip", clip)
        try check.atLeast("epochs", epochs, 1)
        try check.positive("hiddenSizes", each: hiddenSizes)
        if let targetKL { try check.positive("targetKL", targetKL) }
    }
}

struct TaskSpec: ConfigSection, Sendable, Equatable {
    var goal = 1.0
    var label = "task"
    init() {}
}

/// An ES-style schedule: an enum with payloads (`{exponential: {rate: …, floor: …}}`).
enum SigmaSchedule: Codable, Sendable, Equatable {
    case constant
    case exponentialDecay(rate: Double, floor: Double)
}

struct TestRun: RunConfiguration, Equatable {
    var name = "test-run"
    var seed: UInt64 = 0
    var algorithm = Algorithm.ppo
    var env = "CartPole-v1"
    var totalSteps = 50_000
    var ppo = PPOSection()
    var tasks: [TaskSpec] = []
    var envKwargs: [String: Double] = [:]
    var sigma = SigmaSchedule.constant
    var notes: String? = nil
    var precision: Float = 0.1

    init() {}
}

/// A type decoded by hand, the way a non-`ConfigSection` type would be.
struct HandWritten: Decodable, Equatable {
    var rate: Double
    var steps: Int

    enum CodingKeys: String, CodingKey { case rate, steps }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rate = try c.value(.rate, default: 0.5)
        steps = try c.value(.steps, default: 3)
        if steps == 13 {
            throw DecodingError.dataCorruptedError(forKey: .steps, in: c, debugDescription: "13 is unlucky")
        }
    }
}

let baseYAML = """
name: cartpole-a
seed: 3
algorithm: ppo
env: CartPole-v1
total_steps: 20_000
ppo:
  gamma: 0.98
  hidden_sizes: [32, 32]
  optimizer:
    learning_rate: 1e-3
tasks:
  - goal: 2.5
  - label: far
env_kwargs:
  gravity: 9.8
"""

/// Decodes `yaml` as `T`, expecting a `ConfigError`.
func configError<T: Decodable>(_ type: T.Type, _ yaml: String, file: String? = "c.yaml",
                               overrides: [String] = []) -> ConfigError? {
    do {
        _ = try ConfigDocument(yaml: yaml, file: file, overrides: overrides).decode(T.self)
        return nil
    } catch {
        return error
    }
}
