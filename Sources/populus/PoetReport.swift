import Foundation
import POET

/// `populus report` of a POET run: ANNECS over iterations, every pair's
/// score, the environments' table and each course with its agent's path
/// (`POETReport`, drawn from the newest intact checkpoint).
enum POETRunReport {
    @Sendable static func write(run root: URL, to dir: URL) throws -> URL {
        do {
            return try POETReport.write(root, to: dir)
        } catch let error as POETError {
            throw UsageFailure(error.description)
        }
    }
}
