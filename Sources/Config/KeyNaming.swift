/// Swift properties are camelCase, config keys are snake_case (`learningRate` ↔
/// `learning_rate`), as in the papers' reference code. The decoder and encoder
/// convert struct keys so configuration types need no `CodingKeys` for this.
enum KeyNaming {
    /// `learningRate` → `learning_rate`, `minibatchSize` → `minibatch_size`,
    /// `useGAE` → `use_gae`, `hidden2Size` → `hidden2_size`; snake_case stays as it is.
    static func snake(_ key: String) -> String {
        let chars = Array(key)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase, i > 0, !out.hasSuffix("_") {
                let previous = chars[i - 1]
                let nextIsLower = i + 1 < chars.count && chars[i + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) {
                    out.append("_")
                }
            }
            out += c.lowercased()
        }
        return out
    }

    /// `exponential_decay` → `exponentialDecay` (to match enum case names of
    /// enums with associated values, whose keys the decoder cannot snake-convert).
    static func camel(_ key: String) -> String {
        var out = ""
        var upperNext = false
        for c in key {
            if c == "_", !out.isEmpty {
                upperNext = true
            } else if upperNext {
                out += c.uppercased()
                upperNext = false
            } else {
                out.append(c)
            }
        }
        return out
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidate closest to `word`, if it is close enough to be a plausible
/// misspelling: equal up to case and underscores, or within a third of its length.
func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
    func folded(_ s: String) -> String { s.lowercased().filter { $0 != "_" && $0 != "-" } }
    let target = folded(word)
    var best: (String, Int)?
    for candidate in candidates {
        let d = folded(candidate) == target ? 0 : editDistance(word.lowercased(), candidate.lowercased())
        if d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    guard let (candidate, d) = best, d <= max(1, word.count / 3) else { return nil }
    return candidate
}
