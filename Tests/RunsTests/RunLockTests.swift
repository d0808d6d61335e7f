import Foundation
import XCTest
@testable import Runs
#if canImport(Glibc)
import Glibc
#endif

/// `RunLock`: the flock a writer takes on `<run>/writer.lock`. An open file
/// description of its own stands in for another process (flock locks belong
/// to open file descriptions, so they conflict within one process too).
final class RunLockTests: XCTestCase {
    private func otherWriter(_ run: RunDirectory) -> Int32 {
        open(run.root.appendingPathComponent(RunLock.fileName).path, O_RDWR | O_CREAT, 0o644)
    }

    func testCreateTakesTheLockItHoldsUntilReleased() throws {
        let scratch = ScratchDirectory()
        let run = try RunDirectory.create(name: "held", under: scratch.url, config: "x: 1\n")
        XCTAssertTrue(RunLock.isHeld(run.root))
        let text = try String(contentsOf: run.root.appendingPathComponent(RunLock.fileName), encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("process \(getpid()) ("), text)
        let fd = otherWriter(run)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), -1, "the lock is exclusive")
        XCTAssertEqual(errno, EWOULDBLOCK)
        try RunLock.acquire(run.root) // again in the same process: a no-op
        RunLock.release(run.root)
        XCTAssertFalse(RunLock.isHeld(run.root))
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0, "released")
    }

    func testAnotherWriterIsRefusedAtOnceNamingItsProcess() throws {
        let scratch = ScratchDirectory()
        let run = try RunDirectory.create(name: "busy", under: scratch.url, config: "x: 1\n")
        RunLock.release(run.root)
        let fd = otherWriter(run)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        for attempt in [{ try RunLock.acquire(run.root) },
                        { _ = try RunDirectory.openForWriting(run.root) },
                        { _ = try RunDirectory.create(name: "busy", under: scratch.url, config: "", overwrite: true) }] {
            XCTAssertThrowsError(try attempt()) { error in
                guard case .locked(let path, let holder)? = error as? RunDirectoryError else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(path, run.root.path)
                // The kernel's word for who holds it (/proc/locks), whatever the file says.
                XCTAssertEqual(holder?.hasPrefix("process \(getpid())"), true, holder ?? "nil")
                XCTAssertTrue("\(error)".contains("is being written by process \(getpid())"), "\(error)")
            }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: run.configURL.path), "--overwrite deleted a locked run")
        XCTAssertNoThrow(try RunDirectory.open(run.root), "readers never wait")
        XCTAssertEqual(flock(fd, LOCK_UN), 0)
        XCTAssertNoThrow(try RunLock.acquire(run.root))
        RunLock.release(run.root)
    }
}
