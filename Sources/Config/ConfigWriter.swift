import Foundation
import Yams

/// Writes resolved configs: every field, defaults filled in, in a form that
/// reads back to an equal value (`ConfigDocument(yaml: ConfigWriter.yaml(c)).decode(C.self) == c`).
public enum ConfigWriter {
    /// `value` as YAML text, keys in declaration order, preceded by `comment` lines if given.
    public static func yaml<T: Encodable>(_ value: T, comment: String? = nil) throws(ConfigError) -> String {
        let text: String
        do {
            let node = try NodeEncoder().node(for: value)
            text = try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true)
        } catch {
            throw ConfigError(.write, message: "cannot encode \(T.self) as YAML: \(error)")
        }
        guard let comment else { return text }
        let header = comment.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)" }
        return header.joined(separator: "\n") + "\n" + text
    }

    /// Writes `value` to `path` (creating directories) through a temporary file
    /// and a rename, so a crash never leaves half a config behind.
    public static func write<T: Encodable>(_ value: T, to path: String, comment: String? = nil) throws(ConfigError) {
        let text = try yaml(value, comment: comment)
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ConfigError(.write, file: path, message: "cannot write the resolved config: \(error.localizedDescription)")
        }
    }

    /// Writes `config` to `<populations>/<name>/config.yaml` and returns that path.
    @discardableResult
    public static func writeResolved<T: RunConfiguration>(_ config: T, populations: String = "populations",
                                                          comment: String? = nil) throws(ConfigError) -> String {
        guard RunHeader.isValidName(config.name) else {
            throw ConfigError(.invalidValue, keyPath: "name",
                              message: "name: '\(config.name)' is not a valid run directory name")
        }
        let path = URL(fileURLWithPath: populations).appendingPathComponent(config.name)
            .appendingPathComponent("config.yaml").path
        try write(config, to: path, comment: comment)
        return path
    }
}
