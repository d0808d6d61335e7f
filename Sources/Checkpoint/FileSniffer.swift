/// Names what a non-checkpoint file probably is, from its first bytes, so
/// "you passed the config instead of the checkpoint" is obvious.
enum FileSniffer {
    static func describe(_ bytes: [UInt8]) -> String {
        let signatures: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "it looks like a PNG image"),
            ([0x1F, 0x8B], "it looks like a gzip archive"),
            ([0x50, 0x4B, 0x03, 0x04], "it looks like a zip archive"),
            ([0x7F, 0x45, 0x4C, 0x46], "it looks like an ELF executable"),
            (Array("%PDF".utf8), "it looks like a PDF document"),
            (Array("SQLite format 3".utf8), "it looks like an SQLite database"),
            ([0xFF, 0xD8, 0xFF], "it looks like a JPEG image"),
        ]
        for (prefix, what) in signatures where bytes.starts(with: prefix) { return what }
        let head = Array(bytes.prefix(512))
        if let text = String(validating: head, as: UTF8.self) ?? String(validating: head.dropLast(3), as: UTF8.self),
           text.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\n" || $0 == "\r" || $0 == "\t" })
        {
            let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let shown = first.count > 40 ? String(first.prefix(40)) + "…" : first
            let trimmed = first.drop { $0 == " " }
            let kind = trimmed.hasPrefix("{") || trimmed.hasPrefix("[") ? "JSON or YAML"
                : (first.contains(":") || first.hasPrefix("#") || first.hasPrefix("---")) ? "YAML (a config?)"
                : first.contains(",") ? "CSV (metrics?)" : "plain"
            return "it is a \(kind) text file beginning '\(shown)'"
        }
        let hex = bytes.prefix(8).map { b -> String in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined(separator: " ")
        return "unknown binary data beginning \(hex)"
    }
}
