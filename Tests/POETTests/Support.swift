import Foundation
import Walker
@testable import POET

/// The shipped configs, found from this file's path.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `Configs/<name>` decoded, with `--set`-style overrides.
    /// A shipped config; the walker's family is registered first, as the
    /// command line does at start-up.
    static func config(_ name: String, _ overrides: [String] = []) throws -> POETConfiguration {
        WalkerTerrainFamily.register()
        return try POETConfiguration.load(contentsOfFile: root.appendingPathComponent("Configs/\(name)").path, overrides: overrides)
    }
}
