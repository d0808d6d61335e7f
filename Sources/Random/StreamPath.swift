/// One component of a stream's derivation path: a purpose label or an index.
///
///     RandomStream(seed: 7, path: ["es", generation, pair])
///
/// Labels and indices hash differently, so `["1"]` and `[1]` name different streams.
public enum StreamPathComponent: Hashable, Sendable, Codable,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, CustomStringConvertible
{
    case label(String)
    case index(UInt64)

    public init(stringLiteral value: String) { self = .label(value) }
    public init(integerLiteral value: Int) { self = .index(UInt64(bitPattern: Int64(value))) }
    public init(_ value: Int) { self = .index(UInt64(bitPattern: Int64(value))) }
    public init(_ value: String) { self = .label(value) }

    public var description: String {
        switch self {
        case .label(let s): return s
        case .index(let i): return String(Int64(bitPattern: i))
        }
    }
}

/// SplitMix64's output function (Steele, Lea & Flood 2014): a bijective
/// avalanche mixer on 64 bits. Used to hash derivation paths and to expand a
/// 64-bit key into a full generator state.
@inlinable
public func splitMix64(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// Hashes (seed, path) into a 64-bit key. Each absorbed word is tagged with
/// its kind and position so that permutations and concatenations differ:
/// `["a", 1, 2]`, `["a", 2, 1]` and `["a", 12]` give unrelated keys.
public func streamKey(seed: UInt64, path: [StreamPathComponent]) -> UInt64 {
    var h = splitMix64(seed ^ 0x5052_4E47_5345_4544) // "PRNGSEED"
    func absorb(_ word: UInt64, tag: UInt64) {
        h = splitMix64(h ^ splitMix64(word &+ tag &* 0xD6E8_FEB8_6659_FD93))
    }
    for (position, component) in path.enumerated() {
        let p = UInt64(position) << 8
        switch component {
        case .index(let i):
            absorb(i, tag: p | 1)
        case .label(let s):
            var bytes = Array(s.utf8)
            absorb(UInt64(bytes.count), tag: p | 2)
            while bytes.count % 8 != 0 { bytes.append(0) }
            var offset = 0
            while offset < bytes.count {
                var w: UInt64 = 0
                for k in 0..<8 { w |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
                absorb(w, tag: p | 3)
                offset += 8
            }
        }
    }
    absorb(UInt64(path.count), tag: 0xFF)
    return h
}
