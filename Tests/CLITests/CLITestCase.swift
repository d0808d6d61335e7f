import Foundation
import XCTest

/// The base of the command-line tests: a fresh temporary directory per test
/// (`directory`, with run directories under `populations`), removed afterwards.
class CLITestCase: XCTestCase {
    private(set) var directory: URL!
    var populations: String { directory.appendingPathComponent("populations").path }

    override func setUpWithError() throws {
        let name = String(describing: type(of: self))
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("populus-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }
}
