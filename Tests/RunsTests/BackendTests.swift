import Checkpoint
import XCTest
@testable import Runs

/// The local evaluation backend: results in unit order whatever the
/// schedule, the lowest failing unit's error, and results that survive
/// their byte coding (what a distributed backend sends).
final class BackendTests: XCTestCase {
    func testResultsComeBackInUnitOrderForAnyThreadCount() throws {
        let reference = (0..<1000).map { Double($0 * $0) / 7 }
        for threads in [1, 2, 3, 8] {
            let results = try LocalBackend(threads: threads).map(1000) { unit, worker -> Double in
                precondition(worker < threads)
                return Double(unit * unit) / 7
            }
            XCTAssertEqual(results, reference, "\(threads) threads")
        }
        XCTAssertEqual(try LocalBackend(threads: 2).map(0) { u, _ in u }, [])
    }

    func testTheLowestFailingUnitsErrorIsThrown() {
        struct Failure: Error, Equatable { let unit: Int }
        XCTAssertThrowsError(try LocalBackend(threads: 4).map(100) { unit, _ -> Int in
            if unit % 10 == 7 { throw Failure(unit: unit) }
            return unit
        }) { XCTAssertEqual($0 as? Failure, Failure(unit: 7)) }
    }

    func testUnitResultsRoundTripTheirBytes() throws {
        func roundTrip<R: UnitResult & Equatable>(_ value: R) throws -> R {
            var w = ByteWriter()
            value.encode(into: &w)
            var r = ByteReader(w.bytes)
            let back = try R(decoding: &r)
            XCTAssertTrue(r.isAtEnd)
            return back
        }
        XCTAssertEqual(try roundTrip([1.5, -0.0, .infinity] as [Double]).map(\.bitPattern), [1.5, -0.0, .infinity].map(\.bitPattern))
        XCTAssertEqual(try roundTrip([[1, 2], [3]] as [[Int]]), [[1, 2], [3]])
        XCTAssertEqual(try roundTrip(Float(0.1)), 0.1)
        var w = ByteWriter()
        w.u64(1 << 40)  // a count no byte string of this length can hold
        var r = ByteReader(w.bytes)
        XCTAssertThrowsError(try [Double](decoding: &r))
    }
}
