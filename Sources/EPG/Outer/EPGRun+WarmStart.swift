import Checkpoint
import Config
import Evolution
import Foundation

extension EPGRun {
    /// φ₀ for `outer.warm_start`: the search mean μ saved by an earlier EPG
    /// run — the newest intact checkpoint of a run directory (or of its
    /// `checkpoints/`), or the given checkpoint file. Continuing an evolved
    /// loss under another fitness (say `lifetime-mean`, which rewards
    /// learning fast) or on another family starts here.
    ///
    /// A path that does not exist, a directory without an intact EPG
    /// checkpoint, or a loss network of another shape is a config error at
    /// `outer.warm_start`; a damaged file is the checkpoint's own error.
    static func warmStartGenome(_ path: String, genomeLength: Int) throws -> [Float] {
        func refuse(_ why: String) -> ConfigError {
            ConfigError(.invalidValue, keyPath: "outer.warm_start",
                        message: "outer.warm_start: \(why); accepted: an EPG run directory (populations/<name>) or one of its checkpoint files")
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try CheckpointStore.newestIntact(at: URL(fileURLWithPath: path), kind: kind)
        } catch let error as CheckpointLookupError {
            switch error {
            case .missing: throw refuse("'\(path)' does not exist")
            case .noIntact: throw refuse("\(error)")
            }
        }
        let file = checkpoint.source ?? path
        let state: StrategyState
        do {
            state = try StrategyState(encoded: try checkpoint.section(Checkpoint.strategy))
        } catch let error as EvolutionError {
            throw CheckpointError(file: file, problem: .malformed("strategy section: \(error)"))
        }
        guard state.mean.count == genomeLength else {
            throw refuse("'\(file)' holds a loss network of \(state.mean.count) parameters; this config's has \(genomeLength) (the loss_network sections differ)")
        }
        return state.mean
    }
}
