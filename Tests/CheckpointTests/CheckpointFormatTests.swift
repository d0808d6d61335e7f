import XCTest
@testable import Checkpoint

final class CheckpointFormatTests: XCTestCase {
    func sample(generation: Int = 7) -> Checkpoint {
        var c = Checkpoint(kind: "es", generation: generation)
        c[Checkpoint.strategy] = [1, 2, 3, 0xFF]
        c[Checkpoint.config] = Array("population_size: 8\n".utf8)
        c["empty"] = []
        return c
    }

    func testCRC32CKnownAnswer() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum([UInt8]()), 0)
        let whole = CRC32C.checksum(Array("hello world".utf8))
        XCTAssertEqual(CRC32C.checksum(Array(" world".utf8), continuing: CRC32C.checksum(Array("hello".utf8))), whole)
    }

    func testRoundTripKeepsEverySectionInOrder() throws {
        let c = sample()
        let bytes = c.encoded()
        let back = try Checkpoint(decoding: bytes, file: "x.ckpt")
        XCTAssertEqual(back, c)
        XCTAssertEqual(back.sectionNames, ["strategy", "config", "empty"])
        XCTAssertEqual(back.source, "x.ckpt")
        XCTAssertEqual(try back.text(Checkpoint.config), "population_size: 8\n")
        XCTAssertEqual(back.encoded(), bytes)
        XCTAssertThrowsError(try back.section("metrics")) {
            XCTAssertEqual(($0 as? CheckpointError)?.problem, .missingSection("metrics"))
            XCTAssertTrue("\($0)".hasPrefix("x.ckpt:"))
        }
        var edited = back
        edited[Checkpoint.strategy] = [9]
        edited["empty"] = nil
        XCTAssertEqual(edited.sectionNames, ["strategy", "config"])
        XCTAssertEqual(try Checkpoint(decoding: edited.encoded(), file: "y").self[Checkpoint.strategy], [9])
    }

    func testTruncationAtEveryOffsetIsDetected() {
        let bytes = sample().encoded()
        for cut in 0..<bytes.count {
            XCTAssertThrowsError(try Checkpoint(decoding: Array(bytes[0..<cut]), file: "cut.ckpt"), "cut at \(cut)") { error in
                guard let e = error as? CheckpointError else { return XCTFail("untyped error \(error)") }
                XCTAssertEqual(e.file, "cut.ckpt")
                switch e.problem {
                case .empty: XCTAssertEqual(cut, 0)
                case .lengthMismatch(let described, let actual):
                    XCTAssertEqual(actual, cut)
                    XCTAssertGreaterThan(described, UInt64(cut))
                    XCTAssertTrue(e.description.contains("truncated"))
                default: XCTFail("cut at \(cut) reported as \(e.problem)")
                }
            }
        }
    }

    func testEverySingleBitFlipIsDetected() {
        let bytes = sample().encoded()
        for i in 0..<bytes.count {
            for bit in 0..<8 {
                var flipped = bytes
                flipped[i] ^= 1 << bit
                XCTAssertThrowsError(try Checkpoint(decoding: flipped, file: "f.ckpt"), "byte \(i) bit \(bit)") {
                    XCTAssertTrue($0 is CheckpointError, "byte \(i) bit \(bit): \($0)")
                }
            }
        }
        // Flips in the payload are reported as checksum mismatches.
        var payloadFlip = bytes
        payloadFlip[bytes.count - 10] ^= 0x10
        XCTAssertThrowsError(try Checkpoint(decoding: payloadFlip, file: "f.ckpt")) {
            guard case .checksumMismatch = ($0 as! CheckpointError).problem else { return XCTFail("\($0)") }
            XCTAssertTrue("\($0)".contains("corrupt"))
        }
    }

    func testWrongVersionIsNamed() throws {
        var bytes = sample().encoded()
        bytes[8] = 2 // version 2, then a valid checksum: a file from a future Populus
        let body = bytes.count - 4
        let crc = CRC32C.checksum(bytes[0..<body])
        for k in 0..<4 { bytes[body + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
        XCTAssertThrowsError(try Checkpoint(decoding: bytes, file: "v2.ckpt")) {
            XCTAssertEqual(($0 as? CheckpointError)?.problem, .unsupportedVersion(found: 2, supported: 1))
            XCTAssertTrue("\($0)".contains("version 2"))
        }
    }

    func testForeignFilesAreIdentified() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        let cases: [([UInt8], String)] = [
            (png, "PNG image"),
            (Array("population_size: 256\nsigma: 0.1\n".utf8), "YAML"),
            (Array("generation,fitness_mean\n0,1.5\n".utf8), "CSV"),
            ([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3], "gzip"),
            ([0x00, 0x01, 0xFE, 0x80, 0x13, 0x37, 0x00, 0x00, 0x42], "unknown binary data beginning 00 01 fe 80"),
        ]
        for (bytes, expected) in cases {
            XCTAssertThrowsError(try Checkpoint(decoding: bytes, file: "odd")) { error in
                guard let e = error as? CheckpointError, case .foreign(let what) = e.problem else {
                    return XCTFail("\(expected): \(error)")
                }
                XCTAssertTrue(what.contains(expected), "\(what) should mention \(expected)")
                XCTAssertTrue(e.description.hasPrefix("odd: not a Populus checkpoint"))
            }
        }
    }

    func testLengthsBeyondTheFileAreRejectedBeforeAllocating() throws {
        // A well-checksummed file whose single section claims 2⁶² bytes.
        var payload = ByteWriter()
        payload.u32(1)
        payload.u16(1)
        payload.raw([0x78])
        payload.u64(1 << 62)
        var w = ByteWriter()
        w.raw(Checkpoint.magic)
        w.u16(1)
        w.u16(2)
        w.raw(Array("es".utf8))
        w.int(0)
        w.u64(UInt64(payload.bytes.count))
        w.raw(payload.bytes)
        w.u32(CRC32C.checksum(w.bytes))
        XCTAssertThrowsError(try Checkpoint(decoding: w.bytes, file: "huge.ckpt")) {
            guard case .malformed(let why) = ($0 as! CheckpointError).problem else { return XCTFail("\($0)") }
            XCTAssertTrue(why.contains("4611686018427387904"), why)
        }
        // And a header whose payload length would overflow.
        var overflow = sample().encoded()
        for k in 0..<8 { overflow[14 + k] = 0xFF } // kind "es": payload length at 12 + 2 + 8
        XCTAssertThrowsError(try Checkpoint(decoding: overflow, file: "o.ckpt"))
        // ByteReader checks counts against what remains.
        var r = ByteReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1, 2])
        XCTAssertThrowsError(try r.floats("weights")) { XCTAssertTrue("\($0)".contains("only 2 remain")) }
    }

    /// Random corruption that keeps the checksum valid (as a buggy writer
    /// would) exercises the section parser: it must parse or throw, never trap.
    func testCorruptPayloadsWithValidChecksumsNeverTrap() {
        let bytes = sample().encoded()
        let rng = RandomStream(seed: 99)
        let payloadStart = 8 + 4 + 2 + 16 // magic, version, kind length, "es", generation, payload length
        var outcomes = (parsed: 0, refused: 0)
        for _ in 0..<3000 {
            var b = bytes
            for _ in 0...rng.integer(below: 4) {
                let i = payloadStart + rng.integer(below: b.count - 4 - payloadStart)
                b[i] = UInt8(rng.integer(below: 256))
            }
            let body = b.count - 4
            let crc = CRC32C.checksum(b[0..<body])
            for k in 0..<4 { b[body + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
            do {
                _ = try Checkpoint(decoding: b, file: "fuzz")
                outcomes.parsed += 1
            } catch let e as CheckpointError {
                guard case .malformed = e.problem else { return XCTFail("\(e)") }
                outcomes.refused += 1
            } catch {
                return XCTFail("untyped \(error)")
            }
        }
        XCTAssertGreaterThan(outcomes.refused, 100)
    }

    /// A generation beyond 2⁵³ (or negative) is refused: a resumed run adds to it.
    func testGenerationsFarFromIntMaxOnly() throws {
        for generation in [-1, Int.max, (1 << 53) + 1] {
            XCTAssertThrowsError(try Checkpoint(decoding: sample(generation: generation).encoded(), file: "g.ckpt")) {
                XCTAssertEqual("\($0)", "g.ckpt: malformed: generation \(generation); accepted: 0 to 2^53")
            }
        }
    }

    func testStreamsRoundTripAndContinue() throws {
        let a = RandomStream(seed: 3, path: ["pbt", 1])
        for _ in 0..<100 { _ = a.gaussian() }
        var c = sample()
        c.setStreams(["pbt": a, "env": RandomStream(seed: 4)])
        let back = try Checkpoint(decoding: c.encoded(), file: "s").streams()
        XCTAssertEqual(Set(back.keys), ["pbt", "env"])
        for _ in 0..<50 { XCTAssertEqual(back["pbt"]!.gaussian(), a.gaussian()) }
        XCTAssertEqual(try sample().streams().count, 0)
    }
}

import Random
