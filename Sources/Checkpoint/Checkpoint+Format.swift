/// The file format, version 1. All integers little-endian.
///
///     offset      size  field
///     0           8     magic 89 50 4F 50 43 4B 0D 0A  ("\x89POPCK\r\n": the high
///                       byte and CR LF catch 7-bit and newline-mangling copies, as PNG's does)
///     8           2     format version (1)
///     10          2     kind length k (1…255)
///     12          k     kind, UTF-8 ("es", "epg", …)
///     12+k        8     generation (signed)
///     20+k        8     payload length L
///     28+k        L     payload: u32 section count, then per section
///                       u16 name length, name (UTF-8), u64 data length, data
///     28+k+L      4     CRC-32C of every byte before it
///
/// Decoding checks, in order: magic (else the file is named as foreign, with
/// a guess of what it is), the lengths against the file's size (truncation),
/// the checksum (bit flips), the version, then each section's lengths
/// against the bytes that remain, so nothing is allocated beyond the file.
extension Checkpoint {
    public static let magic: [UInt8] = [0x89, 0x50, 0x4F, 0x50, 0x43, 0x4B, 0x0D, 0x0A]
    public static let formatVersion = 1
    /// The largest generation (or step count) a file may hold: 2⁵³, where
    /// Doubles stop counting exactly and far from where an Int overflows.
    public static let maxCount = 1 << 53

    /// The checkpoint as file bytes.
    public func encoded() -> [UInt8] {
        let kindBytes = Array(kind.utf8)
        precondition((1...255).contains(kindBytes.count), "checkpoint kind must be 1…255 UTF-8 bytes")
        var payload = ByteWriter()
        payload.u32(UInt32(sections.count))
        for (name, bytes) in sections {
            let n = Array(name.utf8)
            precondition(n.count <= Int(UInt16.max), "section name too long")
            payload.u16(UInt16(n.count))
            payload.raw(n)
            payload.bytes(bytes)
        }
        var w = ByteWriter()
        w.raw(Self.magic)
        w.u16(UInt16(Self.formatVersion))
        w.u16(UInt16(kindBytes.count))
        w.raw(kindBytes)
        w.int(generation)
        w.u64(UInt64(payload.bytes.count))
        w.raw(payload.bytes)
        w.u32(CRC32C.checksum(w.bytes))
        return w.bytes
    }

    /// Parses file bytes; `file` names the source in errors. Throws
    /// `CheckpointError` for every way the bytes can be wrong; never traps.
    public init(decoding bytes: [UInt8], file: String) throws {
        func fail(_ p: CheckpointError.Problem) -> CheckpointError { CheckpointError(file: file, problem: p) }
        guard !bytes.isEmpty else { throw fail(.empty) }
        guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic else {
            if bytes.count < Self.magic.count && Array(Self.magic[0..<bytes.count]) == bytes {
                throw fail(.lengthMismatch(described: UInt64(Self.magic.count + 24), actual: bytes.count))
            }
            throw fail(.foreign(FileSniffer.describe(bytes)))
        }
        // Until the checksum is verified a wrong version may be a flipped
        // bit; it is only reported as such once the bytes are known intact.
        let fixed = Self.magic.count + 4 // magic, version, kind length
        guard bytes.count >= fixed + 1 + 16 + 4 else {
            throw fail(.lengthMismatch(described: UInt64(fixed + 1 + 16 + 4), actual: bytes.count))
        }
        var r = ByteReader(bytes, offset: Self.magic.count)
        let version = Int(try! r.u16("format version"))
        let k = try! r.u16("kind length")
        guard (1...255).contains(k) else {
            throw version == Self.formatVersion ? fail(.malformed("kind length \(k) is outside 1…255"))
                : fail(.unsupportedVersion(found: version, supported: Self.formatVersion))
        }
        guard bytes.count >= fixed + Int(k) + 16 + 4 else {
            throw fail(.lengthMismatch(described: UInt64(fixed + Int(k) + 16 + 4), actual: bytes.count))
        }
        // Lengths were checked just above, so these reads cannot fail.
        let kindBytes = try! r.take(UInt64(k), "kind")
        let generation = try! r.int("generation")
        let payloadLength = try! r.u64("payload length")
        let described = UInt64(r.offset).addingReportingOverflow(payloadLength)
        guard !described.overflow, described.partialValue <= UInt64.max - 4 else {
            throw fail(.lengthMismatch(described: .max, actual: bytes.count))
        }
        let total = described.partialValue + 4
        guard total == UInt64(bytes.count) else {
            if version != Self.formatVersion { throw fail(.unsupportedVersion(found: version, supported: Self.formatVersion)) }
            throw fail(.lengthMismatch(described: total, actual: bytes.count))
        }
        let body = Int(total) - 4
        var tail = ByteReader(bytes, offset: body)
        let stored = try! tail.u32("checksum") // 4 bytes remain: checked above
        let computed = CRC32C.checksum(bytes[0..<body])
        guard stored == computed else { throw fail(.checksumMismatch(stored: stored, computed: computed)) }
        guard version == Self.formatVersion else {
            throw fail(.unsupportedVersion(found: version, supported: Self.formatVersion))
        }
        guard let kind = String(validating: kindBytes, as: UTF8.self) else { throw fail(.malformed("kind is not UTF-8")) }
        // Counters stay far from Int.max, so a run resumed from any file can count on.
        guard (0...Self.maxCount).contains(generation) else {
            throw fail(.malformed("generation \(generation); accepted: 0 to 2^53"))
        }
        self.init(kind: kind, generation: generation)
        source = file
        var p = ByteReader(Array(bytes[r.offset..<body]))
        do {
            let count = try p.u32("section count")
            // Each section takes at least 10 bytes: a count beyond that is corrupt.
            guard UInt64(count) <= UInt64(p.remaining / 10) else {
                throw fail(.malformed("\(count) sections cannot fit in \(p.remaining) bytes"))
            }
            for i in 0..<Int(count) {
                let nameLength = try p.u16("section \(i) name length")
                guard let name = String(validating: try p.take(UInt64(nameLength), "section \(i) name"), as: UTF8.self) else {
                    throw fail(.malformed("section \(i) name is not UTF-8"))
                }
                guard self[name] == nil else { throw fail(.malformed("section '\(name)' appears twice")) }
                self[name] = try p.bytes("section '\(name)'")
            }
            guard p.isAtEnd else { throw fail(.malformed("\(p.remaining) bytes after the last section")) }
        } catch let e as ByteReaderError {
            throw fail(.malformed(e.description))
        }
    }
}
