import Autodiff
import Checkpoint
import Foundation

/// `AgentState` as bytes (a checkpoint section), little-endian:
///
///     "AGNT", version u8 = 1
///     spec            JSON (task, hyperparameters, learner, lifetime, seed, path), length-prefixed
///     parameters      floats          optimizer   OptimizerState.bytes
///     obs statistics  flag, doubles μ, doubles σ², double N   (same for the return statistics)
///     steps, iterations                 raw observations floats
///     restart points  count; each: episode, u32 actions…, floats
///     running returns doubles           action stream, minibatch stream: bytes
///     curve           episodes (step, return, length)…, updates (fields in declaration order)…
///
/// Floats keep their exact bits, so a restored agent continues bit for bit.
extension AgentState {
    static let magic: [UInt8] = Array("AGNT".utf8)
    static let version: UInt8 = 1

    public var bytes: [UInt8] {
        var w = ByteWriter()
        w.raw(Self.magic)
        w.u8(Self.version)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain Codable values into JSON cannot fail.
        w.bytes(Array(try! encoder.encode(spec)))
        w.floats(learning.parameters)
        w.bytes(learning.optimizer.bytes)
        for stats in [learning.observationStatistics, learning.returnStatistics] {
            if let stats {
                w.u8(1)
                w.doubles(stats.mean)
                w.doubles(stats.variance)
                w.double(stats.count)
            } else {
                w.u8(0)
            }
        }
        w.int(steps)
        w.int(iterations)
        w.floats(rawObservations)
        w.u64(UInt64(episodes.count))
        for p in episodes {
            w.int(p.episode)
            w.u64(UInt64(p.discreteActions.count))
            for a in p.discreteActions { w.u32(UInt32(bitPattern: a)) }
            w.floats(p.continuousActions)
        }
        w.doubles(discountedReturns)
        w.bytes(actionStream)
        w.bytes(minibatchStream)
        w.u64(UInt64(curve.episodes.count))
        for e in curve.episodes {
            w.int(e.step)
            w.double(e.return)
            w.int(e.length)
        }
        w.u64(UInt64(curve.updates.count))
        for u in curve.updates {
            w.int(u.iteration)
            w.int(u.step)
            for v in u.doubles { w.double(v) }
            w.int(u.gradientSteps)
            w.u8(u.stoppedEarly ? 1 : 0)
        }
        return w.bytes
    }

    /// Decodes `bytes`; throws `AgentError.state` naming what is malformed.
    public init(bytes: [UInt8]) throws {
        var r = ByteReader(bytes)
        do {
            guard Array(try r.take(4, "magic")) == Self.magic else { throw AgentError.state("does not start with 'AGNT'") }
            let v = try r.u8("version")
            guard v == Self.version else { throw AgentError.state("version \(v) is not supported (expected \(Self.version))") }
            let spec: AgentSpec
            do {
                spec = try JSONDecoder().decode(AgentSpec.self, from: Data(try r.bytes("spec")))
            } catch let e as ByteReaderError {
                throw e
            } catch {
                throw AgentError.state("spec: \(error)")
            }
            let parameters = try r.floats("parameters")
            let optimizer = try OptimizerState(bytes: try r.bytes("optimizer"))
            var statistics: [RunningMeanStd?] = []
            for what in ["observation statistics", "return statistics"] {
                switch try r.u8(what) {
                case 0: statistics.append(nil)
                case 1:
                    let mean = try r.doubles(what), variance = try r.doubles(what), count = try r.double(what)
                    guard !mean.isEmpty, mean.count == variance.count else { throw AgentError.state("\(what) are inconsistent") }
                    statistics.append(RunningMeanStd(mean: mean, variance: variance, count: count))
                case let flag: throw AgentError.state("\(what): flag \(flag)")
                }
            }
            let steps = try r.int("steps"), iterations = try r.int("iterations")
            let raw = try r.floats("observations")
            let pointCount = try r.u64("restart points")
            guard pointCount <= UInt64(r.remaining) / 16 else { throw AgentError.state("restart point count \(pointCount) exceeds the data") }
            var points: [EpisodeRestartPoint] = []
            for _ in 0..<Int(pointCount) {
                let episode = try r.int("episode")
                let m = try r.u64("action count")
                guard m <= UInt64(r.remaining) / 4 else { throw AgentError.state("action count \(m) exceeds the data") }
                let actions = try (0..<Int(m)).map { _ in Int32(bitPattern: try r.u32("action")) }
                points.append(EpisodeRestartPoint(episode: episode, discreteActions: actions,
                                                  continuousActions: try r.floats("actions")))
            }
            let returns = try r.doubles("running returns")
            let actionStream = try r.bytes("action stream"), minibatchStream = try r.bytes("minibatch stream")
            var curve = LearningCurve()
            let episodeCount = try r.u64("episodes")
            guard episodeCount <= UInt64(r.remaining) / 24 else { throw AgentError.state("episode count exceeds the data") }
            for _ in 0..<Int(episodeCount) {
                curve.episodes.append(EpisodeRecord(step: try r.int("episode step"), return: try r.double("episode return"),
                                                    length: try r.int("episode length")))
            }
            let updateCount = try r.u64("updates")
            guard updateCount <= UInt64(r.remaining) / 89 else { throw AgentError.state("update count exceeds the data") }
            for _ in 0..<Int(updateCount) {
                let iteration = try r.int("iteration"), step = try r.int("step")
                let d = try (0..<8).map { _ in try r.double("update statistic") }
                curve.updates.append(UpdateStats(
                    iteration: iteration, step: step, learningRate: d[0], policyLoss: d[1], valueLoss: d[2],
                    entropy: d[3], approxKL: d[4], clipFraction: d[5], explainedVariance: d[6], gradientNorm: d[7],
                    gradientSteps: try r.int("gradient steps"), stoppedEarly: try r.u8("stopped early") != 0))
            }
            guard r.isAtEnd else { throw AgentError.state("\(r.remaining) unexpected trailing bytes") }
            self.init(spec: spec,
                      learning: LearningState(parameters: parameters, optimizer: optimizer,
                                              observationStatistics: statistics[0], returnStatistics: statistics[1],
                                              hyperparameters: spec.hyperparameters),
                      steps: steps, iterations: iterations, curve: curve, rawObservations: raw, episodes: points,
                      discountedReturns: returns, actionStream: actionStream, minibatchStream: minibatchStream)
        } catch let e as ByteReaderError {
            throw AgentError.state("\(e)")
        } catch let e as OptimizerStateError {
            throw AgentError.state("optimizer: \(e)")
        }
    }
}
