// One import for library users: every module of Populus.
//
//     import PopulusKit
//
//     var es = try Strategy(configuration: .openAIES(populationSize: 64, sigma: 0.1, learningRate: 0.05),
//                           mean: [Float](repeating: 0, count: 10))
//
// Each module can also be imported on its own (`import Evolution`, `import Agents`, …).

@_exported import Agents
@_exported import Autodiff
@_exported import Checkpoint
@_exported import Config
@_exported import EPG
@_exported import ES
@_exported import Environments
@_exported import Evolution
@_exported import PBT
@_exported import POET
@_exported import Parallel
@_exported import Policies
@_exported import Random
@_exported import Report
@_exported import Runs
@_exported import Walker
