import Checkpoint
import Config
import Evolution
import Foundation
import Runs

extension ObjectiveRun {
    /// φ₀ for `outer.warm_start`: the search mean μ saved by an earlier run
    /// of the same kind — the newest intact checkpoint of a run directory (or
    /// of its `checkpoints/`), or the given checkpoint file — or, for LPO, the
    /// φ of a zoo file (`.phi`). Continuing an evolved
    /// loss under another fitness (say `lifetime-mean`, which rewards
    /// learning fast) or on another family starts here.
    ///
    /// A path that does not exist, a directory without an intact EPG
    /// checkpoint, or a loss network of another shape is a config error at
    /// `outer.warm_start`; a damaged file is the checkpoint's own error.
    static func warmStartGenome(_ path: String, genomeLength: Int) throws -> [Float] {
        func refuse(_ why: String) -> ConfigError {
            ConfigError(.invalidValue, keyPath: "outer.warm_start",
                        message: "outer.warm_start: \(why); accepted: a run directory of the same kind (\(kind)) or one of its checkpoint files\(kind == LPOSections.kind ? ", or a zoo file (.phi)" : "")")
        }
        if path.hasSuffix(".phi") {
            // A zoo file: an LPO drift saved with `populus zoo export`.
            guard kind == LPOSections.kind else {
                throw refuse("'\(path)' is an objective file (an lpo drift); an \(kind) run starts from a run of its own kind")
            }
            let file: ObjectiveFile
            do {
                file = try ObjectiveFile(contentsOf: URL(fileURLWithPath: path))
            } catch let error as ObjectiveFileError {
                throw refuse("\(error)")
            }
            guard file.genome.count == genomeLength else {
                throw refuse("'\(path)' holds a \(file.objective.family.rawValue) drift of \(file.genome.count) parameters (hidden \(file.objective.hidden)); this config's has \(genomeLength) (the objective sections differ)")
            }
            return file.genome
        }
        let saved: SavedCheckpoint
        do {
            saved = try SavedCheckpoint.locate(path, policy: .newestIntact)
            try saved.require(kind: kind, for: "outer.warm_start")  // an objective of the same family
        } catch let error as RunError {
            throw refuse("\(error)")
        } catch let error as RunDirectoryError {
            throw refuse("\(error)")
        }
        let losses = try SavedLosses(saved.checkpoint)
        guard losses.mean.count == genomeLength else {
            throw refuse("'\(saved.source)' holds an objective of \(losses.mean.count) parameters; this config's has \(genomeLength) (the loss_network or objective sections differ)")
        }
        return losses.mean
    }
}

/// The objectives an evolved-objective checkpoint (`epg`, `lpo`) holds, read from its sections alone (no
/// environment, agent or loss network is built): the search mean μ and the
/// best validated φ. What `compare` and warm starts read.
public struct SavedLosses: Sendable {
    /// μ at the checkpoint's generation.
    public let mean: [Float]
    /// The φ with the best validation return so far, if any validation ran.
    public let best: ValidatedLoss?
    /// Generations completed.
    public let generation: Int

    public init(_ checkpoint: Checkpoint) throws {
        let file = checkpoint.source ?? "checkpoint"
        let state: StrategyState
        do {
            state = try StrategyState(encoded: try checkpoint.section(Checkpoint.strategy))
        } catch let error as EvolutionError {
            throw CheckpointError(file: file, problem: .malformed("strategy section: \(error)"))
        }
        mean = state.mean
        best = try decodeObjectiveSection(checkpoint, name: checkpoint.kind, genomeLength: state.mean.count).0
        generation = checkpoint.generation
    }

    /// The φ `compare` uses: the best validated one (`best`, the default) or
    /// the final search mean (`final`), with a sentence saying which.
    public func choose(best wantBest: Bool) -> (genome: [Float], description: String) {
        if wantBest, let best {
            return (best.genome, "best validated φ (generation \(best.generation), validation return \(humanNumber(best.testReturn)))")
        }
        return (mean, "search mean μ at generation \(generation)" + (wantBest ? " (no validation yet)" : ""))
    }
}
