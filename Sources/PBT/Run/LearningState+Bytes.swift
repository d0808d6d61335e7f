import Agents
import Autodiff
import Checkpoint
import Foundation

/// A `LearningState` as bytes, for the asynchronous board in a checkpoint:
///
///     parameters floats, optimizer `OptimizerState.bytes`,
///     observation and return statistics (flag, μ doubles, σ² doubles, N double),
///     hyperparameters JSON (sorted keys)
///
/// Floats keep their exact bits.
extension LearningState {
    var bytes: [UInt8] {
        var w = ByteWriter()
        w.floats(parameters)
        w.bytes(optimizer.bytes)
        for stats in [observationStatistics, returnStatistics] {
            if let stats {
                w.u8(1)
                w.doubles(stats.mean)
                w.doubles(stats.variance)
                w.double(stats.count)
            } else {
                w.u8(0)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        w.bytes(Array(try! encoder.encode(hyperparameters)))
        return w.bytes
    }

    init(bytes: [UInt8], what: String) throws {
        var r = ByteReader(bytes)
        do {
            let parameters = try r.floats("\(what) parameters")
            let optimizer = try OptimizerState(bytes: try r.bytes("\(what) optimizer"))
            var stats: [RunningMeanStd?] = []
            for name in ["observation", "return"] {
                if try r.u8("\(what) \(name) statistics flag") == 1 {
                    stats.append(RunningMeanStd(mean: try r.doubles("\(name) mean"), variance: try r.doubles("\(name) variance"),
                                                count: try r.double("\(name) count")))
                } else {
                    stats.append(nil)
                }
            }
            let h = try JSONDecoder().decode(PPOHyperparameters.self, from: Data(try r.bytes("\(what) hyperparameters")))
            guard r.isAtEnd else { throw LearningStateBytesError(message: "\(what) has trailing bytes") }
            self.init(parameters: parameters, optimizer: optimizer, observationStatistics: stats[0],
                      returnStatistics: stats[1], hyperparameters: h)
        } catch let e as ByteReaderError {
            throw LearningStateBytesError(message: "\(what): \(e)")
        } catch let e as OptimizerStateError {
            throw LearningStateBytesError(message: "\(what): \(e)")
        } catch let e as DecodingError {
            throw LearningStateBytesError(message: "\(what): hyperparameters: \(e)")
        }
    }
}

/// A board entry that cannot be decoded.
struct LearningStateBytesError: Error {
    let message: String
}
