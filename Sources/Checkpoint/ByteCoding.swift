/// Little-endian writer for checkpoint sections: integers, floats as IEEE-754
/// bit patterns (exact), length-prefixed arrays and strings.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func u8(_ v: UInt8) { bytes.append(v) }
    public mutating func u16(_ v: UInt16) { for k in 0..<2 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt16(k)))) } }
    public mutating func u32(_ v: UInt32) { for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
    public mutating func u64(_ v: UInt64) { for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) } }
    public mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    public mutating func float(_ v: Float) { u32(v.bitPattern) }
    public mutating func double(_ v: Double) { u64(v.bitPattern) }
    /// A count (u64) then the bytes.
    public mutating func bytes(_ v: [UInt8]) { u64(UInt64(v.count)); bytes += v }
    /// A count (u64) then each float's bits.
    public mutating func floats(_ v: [Float]) { u64(UInt64(v.count)); for x in v { float(x) } }
    /// A count (u64) then each double's bits.
    public mutating func doubles(_ v: [Double]) { u64(UInt64(v.count)); for x in v { double(x) } }
    /// UTF-8 bytes with a u64 length.
    public mutating func string(_ s: String) { bytes(Array(s.utf8)) }
    /// Bytes appended as they are (no length).
    public mutating func raw(_ v: [UInt8]) { bytes += v }
}

/// Why a `ByteReader` stopped: what it was reading and how short the input was.
public struct ByteReaderError: Error, Equatable, CustomStringConvertible {
    public let what: String
    public let needed: UInt64
    public let remaining: Int
    public let offset: Int

    public init(what: String, needed: UInt64, remaining: Int, offset: Int) {
        self.what = what
        self.needed = needed
        self.remaining = remaining
        self.offset = offset
    }

    /// "… needs n bytes at offset o but only r remain"; for a problem other
    /// than length (`needed` 0: bad UTF-8, trailing bytes, a value out of
    /// range) "what is wrong, at offset o".
    public var description: String {
        needed == 0 ? "\(what), at offset \(offset)"
            : "\(what) needs \(needed) bytes at offset \(offset) but only \(remaining) remain"
    }
}

/// Reader matching `ByteWriter`. Every length is checked against the bytes
/// that remain before anything is allocated, so a corrupt length can never
/// make it reserve more memory than the input could describe.
public struct ByteReader: Sendable {
    public let bytes: [UInt8]
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var remaining: Int { bytes.count - offset }
    public var isAtEnd: Bool { offset == bytes.count }

    /// The next n bytes, or a `ByteReaderError` naming `what`.
    public mutating func take(_ n: UInt64, _ what: String) throws -> ArraySlice<UInt8> {
        guard n <= UInt64(remaining) else {
            throw ByteReaderError(what: what, needed: n, remaining: remaining, offset: offset)
        }
        defer { offset += Int(n) }
        return bytes[offset..<offset + Int(n)]
    }

    private mutating func little<T: FixedWidthInteger & UnsignedInteger>(_: T.Type, _ what: String) throws -> T {
        var v: T = 0
        for (k, b) in try take(UInt64(MemoryLayout<T>.size), what).enumerated() { v |= T(b) << (8 * k) }
        return v
    }

    public mutating func u8(_ what: String) throws -> UInt8 { try little(UInt8.self, what) }
    public mutating func u16(_ what: String) throws -> UInt16 { try little(UInt16.self, what) }
    public mutating func u32(_ what: String) throws -> UInt32 { try little(UInt32.self, what) }
    public mutating func u64(_ what: String) throws -> UInt64 { try little(UInt64.self, what) }
    public mutating func int(_ what: String) throws -> Int { Int(Int64(bitPattern: try u64(what))) }
    public mutating func float(_ what: String) throws -> Float { Float(bitPattern: try u32(what)) }
    public mutating func double(_ what: String) throws -> Double { Double(bitPattern: try u64(what)) }

    public mutating func bytes(_ what: String) throws -> [UInt8] {
        Array(try take(try u64("\(what) length"), what))
    }

    public mutating func floats(_ what: String) throws -> [Float] {
        let n = try counted(4, what)
        return try (0..<n).map { _ in try float(what) }
    }

    public mutating func doubles(_ what: String) throws -> [Double] {
        let n = try counted(8, what)
        return try (0..<n).map { _ in try double(what) }
    }

    public mutating func string(_ what: String) throws -> String {
        let raw = try bytes(what)
        guard let s = String(validating: raw, as: UTF8.self) else {
            throw ByteReaderError(what: "\(what) (not valid UTF-8)", needed: 0, remaining: remaining, offset: offset)
        }
        return s
    }

    /// Reads a u64 count of `width`-byte items and checks they fit.
    private mutating func counted(_ width: UInt64, _ what: String) throws -> Int {
        let n = try u64("\(what) length")
        guard n <= UInt64(remaining) / width else {
            throw ByteReaderError(what: what, needed: n > UInt64.max / width ? UInt64.max : n * width, remaining: remaining, offset: offset)
        }
        return Int(n)
    }
}
