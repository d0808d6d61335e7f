import Foundation
@testable import POET

/// The shipped configs, found from this file's path.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `Configs/<name>` decoded, with `--set`-style overrides.
    static func config(_ name: String, _ overrides: [String] = []) throws -> POETConfiguration {
        try POETConfiguration.load(contentsOfFile: root.appendingPathComponent("Configs/\(name)").path, overrides: overrides)
    }
}
