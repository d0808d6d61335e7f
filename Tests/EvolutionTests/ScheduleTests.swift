import XCTest
@testable import Evolution

final class ScheduleTests: XCTestCase {
    func testConstant() {
        XCTAssertEqual(Schedule.constant(0.3).value(at: 0), 0.3)
        XCTAssertEqual(Schedule.constant(0.3).value(at: 10_000), 0.3)
    }

    func testExponentialDecaysToItsFloor() {
        let s = Schedule.exponential(initial: 1, decay: 0.5, floor: 0.1)
        XCTAssertEqual(s.value(at: 0), 1)
        XCTAssertEqual(s.value(at: 1), 0.5)
        XCTAssertEqual(s.value(at: 3), 0.125)
        XCTAssertEqual(s.value(at: 4), 0.1) // 0.0625 < floor
        XCTAssertEqual(s.value(at: 1000), 0.1)
    }

    func testLinearReachesFinalAndStays() {
        let s = Schedule.linear(initial: 1, final: 0.2, generations: 4)
        XCTAssertEqual(s.value(at: 0), 1)
        XCTAssertEqual(s.value(at: 2), 0.6, accuracy: 1e-7)
        XCTAssertEqual(s.value(at: 4), 0.2)
        XCTAssertEqual(s.value(at: 99), 0.2)
    }

    func testDecodesNumbersAndKeyedForms() throws {
        func decode(_ json: String) throws -> Schedule {
            try JSONDecoder().decode(Schedule.self, from: Data(json.utf8))
        }
        XCTAssertEqual(try decode("0.25"), .constant(0.25))
        XCTAssertEqual(try decode(#"{"constant": 2}"#), .constant(2))
        XCTAssertEqual(try decode(#"{"exponential": {"initial": 1, "decay": 0.99, "floor": 0.01}}"#),
                       .exponential(initial: 1, decay: 0.99, floor: 0.01))
        XCTAssertEqual(try decode(#"{"linear": {"initial": 1, "final": 0, "generations": 10}}"#),
                       .linear(initial: 1, final: 0, generations: 10))
        XCTAssertThrowsError(try decode(#"{"cosine": {"initial": 1}}"#))
        for s in [Schedule.constant(0.5), .exponential(initial: 2, decay: 0.9, floor: 0.5), .linear(initial: 0, final: 1, generations: 3)] {
            XCTAssertEqual(try decode(String(decoding: JSONEncoder().encode(s), as: UTF8.self)), s)
        }
    }

    func testProblemsNameTheKey() {
        XCTAssertEqual(Schedule.exponential(initial: 1, decay: 1.5, floor: 0).problems(key: "sigma", positive: true).count, 2)
        XCTAssertEqual(Schedule.constant(-1).problems(key: "sigma", positive: true).first?.key, "sigma")
        XCTAssertTrue(Schedule.constant(0).problems(key: "learning_rate", positive: false).isEmpty)
    }
}
