/// CRC-32C (Castagnoli polynomial 0x1EDC6F41, reflected 0x82F63B78), the
/// checksum of iSCSI, ext4 and SCTP. It detects every single-bit error,
/// every burst up to 32 bits and all odd numbers of flipped bits, which is
/// what a storage checksum must do; it is not a defence against tampering.
public enum CRC32C {
    private static let table: [UInt32] = (0..<256).map { i in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
        return c
    }

    /// CRC-32C of `bytes`; pass a previous result as `continuing` to checksum
    /// a message given in pieces.
    public static func checksum<C: Collection>(_ bytes: C, continuing previous: UInt32 = 0) -> UInt32
        where C.Element == UInt8
    {
        var crc = ~previous
        table.withUnsafeBufferPointer { t in
            for b in bytes { crc = t[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        }
        return ~crc
    }
}
