import XCTest
@testable import Checkpoint

final class CheckpointStoreTests: XCTestCase {
    func checkpoint(_ g: Int, kind: String = "es") -> Checkpoint {
        var c = Checkpoint(kind: kind, generation: g)
        c[Checkpoint.strategy] = (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ g) }
        return c
    }

    func testWriteLoadAndKeepTheLastK() throws {
        let scratch = ScratchDirectory()
        let store = try CheckpointStore(directory: scratch.url.appendingPathComponent("checkpoints"), keep: 3)
        for g in [1, 2, 3, 4, 5, 10] { try store.write(checkpoint(g)) }
        XCTAssertEqual(store.list().map(\.generation), [4, 5, 10])
        XCTAssertEqual(store.list().last?.url.lastPathComponent, "gen-00000010.ckpt")
        XCTAssertEqual(try CheckpointStore.load(store.list()[1].url), checkpoint(5))
        let found = CheckpointStore.latestIntact(in: store.directory, kind: "es")
        XCTAssertEqual(found.checkpoint, checkpoint(10))
        XCTAssertTrue(found.skipped.isEmpty)
        // Rewriting the same generation replaces it.
        var again = checkpoint(10)
        again["extra"] = [1]
        try store.write(again)
        XCTAssertEqual(try CheckpointStore.load(store.list().last!.url), again)
        XCTAssertEqual(store.list().count, 3)
        XCTAssertThrowsError(try CheckpointStore(directory: scratch.url, keep: 0)) {
            XCTAssertTrue("\($0)".contains("keep must be ≥ 1"))
        }
    }

    func testAnUnrenamedTemporaryIsNeverVisible() throws {
        let scratch = ScratchDirectory()
        let store = try CheckpointStore(directory: scratch.url, keep: 5)
        try store.write(checkpoint(1))
        // A run killed between writing its temporary and renaming it:
        let target = scratch.url.appendingPathComponent(CheckpointStore.fileName(generation: 2))
        let temporary = try AtomicFile.prepare(Array(checkpoint(2).encoded().prefix(40)), for: target)
        XCTAssertTrue(FileManager.default.fileExists(atPath: temporary.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
        XCTAssertEqual(store.list().map(\.generation), [1])
        XCTAssertEqual(CheckpointStore.latestIntact(in: scratch.url).checkpoint?.generation, 1)
        // The next write removes the stale temporary.
        try store.write(checkpoint(2))
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary.path))
        XCTAssertEqual(store.list().map(\.generation), [1, 2])
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
        XCTAssertEqual(names.sorted(), ["gen-00000001.ckpt", "gen-00000002.ckpt"])
    }

    func testCorruptNewestFallsBackToTheNewestIntactOlderOne() throws {
        let scratch = ScratchDirectory()
        let store = try CheckpointStore(directory: scratch.url, keep: 5)
        for g in 1...4 { try store.write(checkpoint(g)) }
        let entries = store.list()
        // Newest truncated, the one before bit-flipped, the one before that from POET.
        let newest = entries[3].url, second = entries[2].url
        let bytes = try AtomicFile.read(newest)
        try Data(bytes.prefix(bytes.count / 2)).write(to: newest)
        var flipped = try AtomicFile.read(second)
        flipped[30] ^= 4
        try Data(flipped).write(to: second)
        try Data(checkpoint(2, kind: "poet").encoded()).write(to: entries[1].url)

        let found = CheckpointStore.latestIntact(in: scratch.url, kind: "es")
        XCTAssertEqual(found.checkpoint?.generation, 1)
        XCTAssertEqual(found.url, entries[0].url)
        XCTAssertEqual(found.skipped.map(\.file), [newest.path, second.path, entries[1].url.path])
        guard found.skipped.count == 3 else { return }
        guard case .lengthMismatch = found.skipped[0].problem else { return XCTFail("\(found.skipped[0])") }
        guard case .checksumMismatch = found.skipped[1].problem else { return XCTFail("\(found.skipped[1])") }
        XCTAssertEqual(found.skipped[2].problem, .wrongKind(expected: "es", found: "poet"))

        XCTAssertThrowsError(try CheckpointStore.loadOrOfferOlder(newest, kind: "es")) { error in
            guard let failure = error as? CheckpointLoadFailure else { return XCTFail("\(error)") }
            XCTAssertEqual(failure.error.file, newest.path)
            XCTAssertEqual(failure.olderIntact, entries[0].url)
            XCTAssertEqual(failure.olderGeneration, 1)
            XCTAssertTrue(failure.description.contains("gen-00000001.ckpt (generation 1)"), failure.description)
        }
    }

    func testNothingIntactAndMissingFiles() throws {
        let scratch = ScratchDirectory()
        XCTAssertNil(CheckpointStore.latestIntact(in: scratch.url.appendingPathComponent("nope")).checkpoint)
        try Data("hello: yaml\n".utf8).write(to: scratch.url.appendingPathComponent("gen-00000003.ckpt"))
        let found = CheckpointStore.latestIntact(in: scratch.url)
        XCTAssertNil(found.checkpoint)
        XCTAssertEqual(found.skipped.count, 1)
        XCTAssertThrowsError(try CheckpointStore.load(scratch.url.appendingPathComponent("gen-00000009.ckpt"))) { error in
            guard let e = error as? CheckpointError, case .io = e.problem else { return XCTFail("\(error)") }
            XCTAssertTrue(e.file.hasSuffix("gen-00000009.ckpt"))
        }
        XCTAssertThrowsError(try CheckpointStore.loadOrOfferOlder(scratch.url.appendingPathComponent("gen-00000003.ckpt"))) {
            XCTAssertTrue("\($0)".contains("no intact older checkpoint"), "\($0)")
        }
    }
}
