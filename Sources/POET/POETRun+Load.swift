import Checkpoint
import Foundation

extension POETRun {
    /// A run as saved in a checkpoint, with the metrics table it carries.
    public struct Saved {
        public let run: POETRun
        public let metrics: MetricsTable
        public let checkpoint: Checkpoint
    }

    /// The loop as its newest intact checkpoint in `directory`
    /// (`populations/<run>`) or in a checkpoint file left it, with its
    /// configuration read from the checkpoint's own `config` section.
    public static func load(_ path: URL, threads: Int = 1) throws -> Saved {
        let checkpoint: Checkpoint
        do {
            checkpoint = try CheckpointStore.newestIntact(at: path, kind: kind)
        } catch let error as CheckpointLookupError {
            throw POETError("\(error)")
        }
        let file = checkpoint.source ?? path.path
        let configuration = try load(yaml: try checkpoint.text(Checkpoint.config), file: "\(file) (config section)")
        let run = try POETRun(configuration: configuration, restoring: checkpoint, threads: threads)
        let metrics: MetricsTable
        do {
            metrics = try MetricsTable(encoded: try checkpoint.section(Checkpoint.metrics))
        } catch let e as ByteReaderError {
            throw CheckpointError(file: file, problem: .malformed("metrics: \(e)"))
        }
        return Saved(run: run, metrics: metrics, checkpoint: checkpoint)
    }

    static func load(yaml: String, file: String) throws -> POETConfiguration {
        try POETConfiguration.load(yaml: yaml, file: file)
    }

    /// The pair with id `id`, active or archived.
    public func pair(id: Int) -> Pair? { allPairs.first { $0.id == id } }
}

extension POETError: LocalizedError {
    public var errorDescription: String? { description }
}
