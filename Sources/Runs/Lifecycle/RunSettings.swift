import Foundation
import Parallel

/// How `evolve`, `resume`, `compare` and `report` execute (never what they
/// compute: results are identical for any backend and thread count).
public struct RunSettings: Sendable {
    /// Where units of work run (this process's threads by default).
    public var backend: any EvaluationBackend
    /// Where run directories are created (`populations/`).
    public var populations: URL
    /// `evolve`: replace an existing run of the same name.
    public var overwrite = false
    /// `resume`: the new budget G, when given.
    public var generations: Int? = nil
    /// No progress lines or messages.
    public var quiet = false

    public init(threads: Int = defaultThreadCount, populations: URL = URL(fileURLWithPath: "populations"),
                quiet: Bool = false) {
        backend = LocalBackend(threads: threads)
        self.populations = populations
        self.quiet = quiet
    }

    /// Worker threads of this process.
    public var threads: Int { backend.threads }

    /// Prints `line` unless quiet (flushed, so logs show it at once).
    public func say(_ line: String) {
        guard !quiet else { return }
        print(line)
        fflush(nil)
    }
}
