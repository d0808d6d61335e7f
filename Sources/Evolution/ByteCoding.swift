/// Little-endian writer for exact binary states (floats as bit patterns).
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
    mutating func u64(_ v: UInt64) { for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) } }
    mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    mutating func float(_ v: Float) { u32(v.bitPattern) }
    mutating func floats(_ v: [Float]) {
        u64(UInt64(v.count))
        bytes.reserveCapacity(bytes.count + 4 * v.count)
        for x in v { float(x) }
    }
    mutating func raw(_ v: [UInt8]) { bytes += v }
}

/// Reader matching `ByteWriter`; every length is checked against the bytes
/// that remain before anything is allocated.
struct ByteReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    private mutating func take(_ n: Int, _ what: String) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= remaining else {
            throw EvolutionError.invalidState("\(what) needs \(n) bytes at offset \(offset); only \(remaining) remain")
        }
        defer { offset += n }
        return bytes[offset..<offset + n]
    }

    mutating func u8(_ what: String) throws -> UInt8 { try take(1, what).first! }
    mutating func u32(_ what: String) throws -> UInt32 {
        var v: UInt32 = 0
        for (k, b) in try take(4, what).enumerated() { v |= UInt32(b) << (8 * UInt32(k)) }
        return v
    }
    mutating func u64(_ what: String) throws -> UInt64 {
        var v: UInt64 = 0
        for (k, b) in try take(8, what).enumerated() { v |= UInt64(b) << (8 * UInt64(k)) }
        return v
    }
    mutating func int(_ what: String) throws -> Int { Int(Int64(bitPattern: try u64(what))) }
    mutating func float(_ what: String) throws -> Float { Float(bitPattern: try u32(what)) }
    mutating func floats(_ what: String) throws -> [Float] {
        let count = try u64("\(what) length")
        guard count <= UInt64(remaining / 4) else {
            throw EvolutionError.invalidState("\(what) claims \(count) floats; only \(remaining) bytes remain")
        }
        var out = [Float]()
        out.reserveCapacity(Int(count))
        for _ in 0..<Int(count) { out.append(try float(what)) }
        return out
    }
    mutating func raw(_ n: Int, _ what: String) throws -> [UInt8] { Array(try take(n, what)) }
}
