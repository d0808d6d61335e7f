import ArgumentParser
import Foundation
import PopulusKit

/// `populus env rollout NAME …`: runs one episode and prints one JSON object
/// per step, so any trajectory can be compared with Gymnasium from outside.
struct EnvRolloutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Run one episode of an environment and print one JSON object per step.",
        discussion: """
            Each line is {"t":…,"obs":[…],"action":…,"reward":…,"terminated":…,"truncated":…}, \
            t counting the steps taken (1 for the first), obs the observation after the step. \
            The episode stops when it terminates or is truncated, after --steps steps, or when \
            the listed actions run out. Bad input exits with status 2 and a message naming \
            what is accepted.
            """)

    @Argument(help: "Environment or family name (see `populus env list`), e.g. cartpole, CartPole-v1, maze.")
    var name: String

    @Option(name: .long, help: "Seed of the task stream (the task run is task --task-index of --split under it).")
    var taskSeed: UInt64 = 0

    @Option(name: .long, help: "Which task of the split to run.")
    var taskIndex: Int = 0

    @Option(name: .long, help: "Task split: train, test or ood (where the family defines it).")
    var split: String = "train"

    @Option(name: .long, parsing: .unconditional,
            help: "Comma-separated physical state set after reset (Gymnasium's env.unwrapped.state), e.g. 0.01,0,-0.02,0.")
    var initialState: String?

    @Option(name: .long, parsing: .unconditional,
            help: "'random', or comma-separated actions: integers for discrete spaces, numbers for boxes (components joined by ':' when there are several, e.g. 0.5:-1,1:0).")
    var actions: String = "random"

    @Option(name: .long, help: "Seed of the reset and of random actions.")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Largest number of steps (default: the episode's time limit, or the number of listed actions).")
    var steps: Int?

    func run() throws {
        let family = try EnvironmentRegistry.standard.resolve(name)
        guard let split = TaskSplit(rawValue: split.lowercased()) else {
            throw EnvironmentError.invalidInput("unknown split '\(self.split)'; accepted: "
                                + family.splits.map(\.rawValue).joined(separator: ", "))
        }
        guard taskIndex >= 0 else { throw EnvironmentError.invalidInput("--task-index must be ≥ 0, got \(taskIndex)") }
        let task = try family.task(seed: taskSeed, split: split, index: taskIndex)
        var env = try family.makeEnvironment(task)
        let plan = try ActionPlan(actions, space: env.actionSpace, environment: family.name)
        let limit = try stepLimit(env: env, plan: plan)

        var obs = [Float](repeating: 0, count: env.observationSpace.dimension)
        obs.withUnsafeMutableBufferPointer { env.reset(stream: RandomStream(seed: seed, path: ["rollout", "reset"]), into: $0) }
        if let initialState {
            try env.setPhysicalState(parseState(initialState, names: env.stateNames, environment: family.name))
        }
        let actionStream = RandomStream(seed: seed, path: ["rollout", "actions"])
        var t = 0
        var line = ""
        while t < limit {
            let action = plan.action(t, stream: actionStream)
            let outcome: StepOutcome
            switch action {
            case .discrete(let a):
                outcome = obs.withUnsafeMutableBufferPointer { env.step(.discrete(a), into: $0) }
            case .continuous(let v):
                outcome = v.withUnsafeBufferPointer { a in obs.withUnsafeMutableBufferPointer { env.step(.continuous(a), into: $0) } }
            }
            t += 1
            line.removeAll(keepingCapacity: true)
            line += "{\"t\":\(t),\"obs\":[\(obs.map(jsonNumber).joined(separator: ","))],\"action\":"
            line += action.json
            line += ",\"reward\":\(jsonNumber(outcome.reward)),\"terminated\":\(outcome.terminated),"
            line += "\"truncated\":\(outcome.truncated)}"
            print(line)
            if outcome.done { break }
        }
    }

    func stepLimit(env: any Environment, plan: ActionPlan) throws -> Int {
        if let steps {
            guard steps >= 1 else { throw EnvironmentError.invalidInput("--steps must be at least 1, got \(steps)") }
            return min(steps, plan.count ?? steps)
        }
        return plan.count ?? env.maxEpisodeSteps
    }
}
