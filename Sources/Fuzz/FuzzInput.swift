/// Turns one fuzz input into the parts a reader takes: several files, or a
/// file and its `--set` arguments. Parts are separated by marker lines
/// (`#--set`, `#--metrics.csv`, …), which are YAML comments, so a corpus
/// file stays readable and a valid YAML file is a valid input on its own.
enum FuzzInput {
    /// The input as UTF-8 text, or nil: every text reader refuses other bytes
    /// before parsing (`ConfigDocument(contentsOfFile:)`, `String(contentsOf:encoding:)`).
    static func text(_ bytes: [UInt8]) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    /// `text` cut at each line equal to one of `markers`, in order: the part
    /// before the first marker, then the part after each marker present
    /// (nil for a marker the input does not hold).
    static func parts(_ text: String, markers: [String]) -> (head: String, rest: [String?]) {
        var rest = [String?](repeating: nil, count: markers.count)
        var head: [Substring] = []
        var current: Int? = nil
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let k = markers.firstIndex(where: { $0 == line }) {
                if let c = current { rest[c] = lines.joined(separator: "\n") } else { head = lines }
                current = k
                lines = []
            } else {
                lines.append(line)
            }
        }
        if let c = current { rest[c] = lines.joined(separator: "\n") } else { head = lines }
        return (head.joined(separator: "\n"), rest)
    }

    /// The non-empty lines of `text` (one `--set` argument each).
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(separator: "\n").map(String.init)
    }
}
