import CGSL

/// Why a byte string could not be restored as a stream state.
public enum RandomStateError: Error, Equatable, CustomStringConvertible {
    case wrongLength(got: Int, expected: Int)
    case badMagic
    case unsupportedVersion(UInt8)
    /// The 19,937 state bits are all zero: MT19937 never reaches that state,
    /// and from it every draw is 0 (rejection samplers would never return).
    case allZero

    public var description: String {
        switch self {
        case .wrongLength(let got, let expected):
            return "random stream state has \(got) bytes; expected \(expected)"
        case .badMagic:
            return "random stream state does not start with the 'MT19' marker"
        case .unsupportedVersion(let v):
            return "random stream state version \(v) is not supported (expected 1)"
        case .allZero:
            return "random stream state is all zeros, which no MT19937 stream reaches"
        }
    }
}

extension RandomStream {
    static let magic: [UInt8] = Array("MT19".utf8)
    static let stateVersion: UInt8 = 1

    /// The generator's whole state as bytes: a 5-byte header ("MT19", version)
    /// then the 624 words and the index, each little-endian `UInt32`.
    /// Restoring it with `init(state:)` continues the stream exactly. MT19937
    /// streams only (a programming error on a `.taus2` stream).
    public var stateBytes: [UInt8] {
        precondition(generator == .mt19937, "only MT19937 streams are serialisable")
        let raw = UnsafeRawPointer(gsl_rng_state(rng)!)
        let mt = raw.bindMemory(to: UInt.self, capacity: Self.words)
        var out = Self.magic + [Self.stateVersion]
        out.reserveCapacity(5 + 4 * (Self.words + 1))
        func put(_ v: UInt32) { for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
        for i in 0..<Self.words { put(UInt32(truncatingIfNeeded: mt[i])) }
        let mti = raw.advanced(by: MemoryLayout<UInt>.stride * Self.words).load(as: Int32.self)
        put(UInt32(bitPattern: mti))
        return out
    }

    /// Byte length of `stateBytes`.
    public static var stateByteCount: Int { 5 + 4 * (words + 1) }

    /// Restores a stream from `stateBytes`; throws on malformed input.
    public convenience init(state bytes: [UInt8]) throws {
        guard bytes.count == Self.stateByteCount else {
            throw RandomStateError.wrongLength(got: bytes.count, expected: Self.stateByteCount)
        }
        guard Array(bytes[0..<4]) == Self.magic else { throw RandomStateError.badMagic }
        guard bytes[4] == Self.stateVersion else { throw RandomStateError.unsupportedVersion(bytes[4]) }
        self.init(seed: 0)
        func get(_ i: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<4 { v |= UInt32(bytes[5 + 4 * i + k]) << (8 * UInt32(k)) }
            return v
        }
        // The recurrence uses the top bit of word 0 and all of words 1…623.
        guard get(0) & 0x8000_0000 != 0 || (1..<Self.words).contains(where: { get($0) != 0 }) else {
            throw RandomStateError.allZero
        }
        let raw = gsl_rng_state(rng)!
        let mt = raw.bindMemory(to: UInt.self, capacity: Self.words)
        for i in 0..<Self.words { mt[i] = UInt(get(i)) }
        let mti = Int32(bitPattern: get(Self.words))
        raw.advanced(by: MemoryLayout<UInt>.stride * Self.words)
            .storeBytes(of: min(max(mti, 0), Int32(Self.words)), as: Int32.self)
    }
}
