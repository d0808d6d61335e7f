import PopulusKit
import Foundation

/// Files of the repository (configs, peer scripts) found from the working
/// directory or from the executable (`.build/<config>/populus` lies a few
/// levels below the package root).
enum ProjectFiles {
    /// `relative` under the working directory or up to five levels above the executable.
    static func locate(_ relative: String) -> String? {
        let fm = FileManager.default
        var candidates = [fm.currentDirectoryPath + "/" + relative]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent(relative).path)
            dir.deleteLastPathComponent()
        }
        return candidates.first { fm.fileExists(atPath: $0) }
    }

    /// `given` if it exists, else `fallback` located as above; a validation
    /// error naming both otherwise.
    static func config(_ given: String?, fallback: String) throws -> String {
        if let given {
            guard FileManager.default.fileExists(atPath: given) else { throw BenchInputError("\(given): no such config file") }
            return given
        }
        guard let found = locate(fallback) else {
            throw BenchInputError("\(fallback) not found from the working directory or the executable; pass --config")
        }
        return found
    }
}

/// A bench argument that names nothing usable.
struct BenchInputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
