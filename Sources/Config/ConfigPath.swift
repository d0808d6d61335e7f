/// A key path inside a config document, printed `ppo.hidden_sizes[1]`.
struct ConfigPath: Hashable, CustomStringConvertible {
    enum Component: Hashable {
        case key(String)
        case index(Int)
    }

    var components: [Component] = []

    static let root = ConfigPath()

    func appending(_ component: Component) -> ConfigPath {
        ConfigPath(components: components + [component])
    }

    func appending(key: String) -> ConfigPath { appending(.key(key)) }

    var isRoot: Bool { components.isEmpty }

    var parent: ConfigPath { ConfigPath(components: Array(components.dropLast())) }

    /// The last key name (`gamma` in `ppo.gamma`), or the printed index.
    var leafName: String {
        switch components.last {
        case .key(let k)?: return k
        case .index(let i)?: return "[\(i)]"
        case nil: return "the document"
        }
    }

    /// Every prefix, longest first (the path itself included, the root last).
    var prefixes: [ConfigPath] {
        (0...components.count).reversed().map { ConfigPath(components: Array(components.prefix($0))) }
    }

    var description: String {
        var out = ""
        for c in components {
            switch c {
            case .key(let k): out += out.isEmpty ? k : ".\(k)"
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }

    /// The path written for a human, `the document` for the root.
    var spelled: String { isRoot ? "the document" : description }

    /// The Codable view of this path.
    var codingPath: [any CodingKey] {
        components.map {
            switch $0 {
            case .key(let k): ConfigCodingKey(stringValue: k)
            case .index(let i): ConfigCodingKey(intValue: i)
            }
        }
    }
}

/// The `CodingKey` this decoder and encoder hand to `Codable` code.
struct ConfigCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "[\(intValue)]"
        self.intValue = intValue
    }
}
