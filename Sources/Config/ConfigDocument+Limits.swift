import Yams

/// The bounds a config's YAML must keep before its tree is built or walked,
/// so that no file (or `--set` value) can crash or hang the program:
///
/// - *Nesting.* Building the tree, and every walk over it, recurses once per
///   level; a file of 10 KB of `[` overflows the stack. Before parsing, the
///   text's structural tokens outside comment lines (`[`, `{`, `:`, and `-`
///   or `?` followed by a space or the line's end) are counted: a level of
///   nesting needs one of them (aliases included: an alias repeats a
///   finished node, never one of its own ancestors), so their count bounds
///   the depth. Shipped configs hold under 100.
/// - *Expansion.* An alias (`*name`) repeats the node it names, so nine
///   lines of aliases of aliases describe 10⁹ values ("billion laughs"). The
///   built tree is counted, with aliases expanded, and refused past a bound.
extension ConfigDocument {
    /// The most structural tokens a config (or one `--set` value) may hold.
    public static let maxStructuralTokens = 1_000
    /// The most values (scalars, lists, mappings) a config may expand to.
    public static let maxExpandedValues = 100_000
    /// The most components a `--set` key path may have.
    static let maxPathComponents = 64

    /// Refuses `yaml` when its structural tokens exceed the bound (the line
    /// where the count passes it is named).
    static func refuseDeepNesting(_ yaml: String, file: String?, origin: String? = nil) throws(ConfigError) {
        var tokens = 0, line = 1
        for text in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { line += 1 }
            let bytes = Array(text.utf8)
            guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }), bytes[first] != UInt8(ascii: "#") else {
                continue
            }
            for (i, b) in bytes.enumerated() {
                switch b {
                case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ":"):
                    tokens += 1
                case UInt8(ascii: "-"), UInt8(ascii: "?"):
                    if i + 1 == bytes.count || bytes[i + 1] == 0x20 || bytes[i + 1] == 0x09 || bytes[i + 1] == 0x0D {
                        tokens += 1
                    }
                default:
                    break
                }
            }
            if tokens > maxStructuralTokens {
                throw ConfigError(.syntax, file: file, line: origin == nil ? line : nil, origin: origin,
                                  message: "more than \(maxStructuralTokens) keys, list items and brackets; accepted: a config nested and sized like the shipped ones (Configs/)")
            }
        }
    }

    /// Refuses a tree that expands (aliases repeated) to more than `maxExpandedValues` values.
    static func refuseExpansion(_ root: Node, file: String?, origin: String? = nil) throws(ConfigError) {
        var count = 0
        var pending = [root]
        while let node = pending.popLast() {
            count += 1
            if count > maxExpandedValues {
                throw ConfigError(.syntax, file: file, origin: origin,
                                  message: "the document expands to more than \(maxExpandedValues) values: YAML aliases (*name) repeat what they name; accepted: a config that spells out what it means")
            }
            switch node {
            case .scalar: break
            case .sequence(let s): pending.append(contentsOf: s)
            case .mapping(let m):
                for (key, value) in m {
                    pending.append(key)
                    pending.append(value)
                }
            }
        }
    }
}
