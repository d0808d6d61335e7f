import Yams

extension ConfigDocument {
    /// A YAML error with its line: `x.yaml:3: not valid YAML: mapping values are not allowed in this context`.
    static func syntaxError(_ error: any Error, file: String?) -> ConfigError {
        func make(_ problem: String, _ context: YamlError.Context?, _ mark: Mark, _ yaml: String) -> ConfigError {
            var message = "not valid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            if mark.line >= 1, mark.line <= lines.count, lines[mark.line - 1].contains("\t") {
                message += "; YAML indents with spaces, not tabs"
            }
            return ConfigError(.syntax, file: file, line: mark.line, column: mark.column, message: message)
        }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, let yaml)?: return make(problem, context, mark, yaml)
        case .parser(let context, let problem, let mark, let yaml)?: return make(problem, context, mark, yaml)
        case .composer(let context, let problem, let mark, let yaml)?: return make(problem, context, mark, yaml)
        case .reader(let problem, _, _, _)?: return ConfigError(.syntax, file: file, message: "cannot be read as YAML: \(problem)")
        default: return ConfigError(.syntax, file: file, message: "not valid YAML: \(error)")
        }
    }

    /// YAML forbids a key twice in one mapping; libyaml lets it through, we do not.
    static func refuseDuplicateKeys(in node: Node, at path: ConfigPath, file: String?) throws(ConfigError) {
        switch node {
        case .scalar: return
        case .sequence(let s):
            for (i, item) in s.enumerated() { try refuseDuplicateKeys(in: item, at: path.appending(.index(i)), file: file) }
        case .mapping(let m):
            var seen: [String: Mark?] = [:]
            for (key, value) in m {
                guard let name = key.keyName else { continue }
                let child = path.appending(key: name)
                if let first = seen[name] {
                    let note = first.map { " (first on line \($0.line))" } ?? ""
                    throw ConfigError(.duplicateKey, file: file, line: key.mark?.line, column: key.mark?.column,
                                      keyPath: child.description, message: "duplicate key '\(child)'\(note)")
                }
                seen[name] = key.mark
                try refuseDuplicateKeys(in: value, at: child, file: file)
            }
        }
    }

    /// Errors thrown by hand-written `init(from:)` code, located through their coding path.
    func convert(_ error: DecodingError, _ context: DecodingContext) -> ConfigError {
        switch error {
        case .typeMismatch(let type, let c):
            let (path, node) = locate(c.codingPath)
            return context.error(.typeMismatch, at: path, node: node,
                                 "\(path.spelled): expected \(type), found \(node?.described ?? "nothing")")
        case .valueNotFound(let type, let c):
            let (path, node) = locate(c.codingPath)
            return context.error(.typeMismatch, at: path, node: node, "\(path.spelled): expected \(type), found null")
        case .keyNotFound(let key, let c):
            let (path, node) = locate(c.codingPath)
            let full = path.appending(key: KeyNaming.snake(key.stringValue))
            return context.error(.missingKey, at: path, node: node, "missing required key '\(full)'")
        case .dataCorrupted(let c):
            let (path, node) = locate(c.codingPath)
            return context.error(.invalidValue, at: path, node: node, "\(path.spelled): \(c.debugDescription)")
        @unknown default:
            return ConfigError(.invalidValue, file: file, message: "\(error)")
        }
    }

    /// The config path and node of a coding path (keys as written, or their snake_case form).
    private func locate(_ codingPath: [any CodingKey]) -> (ConfigPath, Node?) {
        var path = ConfigPath.root
        var node: Node? = root
        for key in codingPath {
            if let i = key.intValue, case .sequence(let s)? = node {
                path = path.appending(.index(i))
                node = i < s.count ? s[i] : nil
            } else {
                let name = node?.entry(key.stringValue) != nil ? key.stringValue : KeyNaming.snake(key.stringValue)
                path = path.appending(key: name)
                node = node?.entry(name)?.value
            }
        }
        return (path, node)
    }
}
