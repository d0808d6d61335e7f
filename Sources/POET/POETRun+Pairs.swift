import Foundation

extension POETRun {
    /// The pair with id `id`, active or archived.
    public func pair(id: Int) -> Pair? { allPairs.first { $0.id == id } }
}

extension POETError: LocalizedError {
    public var errorDescription: String? { description }
}
