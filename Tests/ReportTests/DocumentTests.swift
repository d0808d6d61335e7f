import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Report

final class DocumentTests: XCTestCase {
    func testCSVEscapesAndFormats() {
        var t = CSVTable(columns: ["method", "note", "value"])
        t.append(["ppo", "a, \"quoted\"\nline", ReportNumber.csv(2.5)])
        t.append(["pg", "", ReportNumber.csv(.nan)])
        XCTAssertEqual(t.text, "method,note,value\nppo,\"a, \"\"quoted\"\"\nline\",2.5\npg,,\n")
        XCTAssertEqual(ReportNumber.csv(3), "3")
        XCTAssertEqual(ReportNumber.human(0.012345), "0.0123")
        XCTAssertEqual(ReportNumber.human(123.456), "123")
    }

    func testJSONIsValidAndMapsNonFiniteToNull() throws {
        let doc: JSONValue = .object([
            ("name", .string("a \"b\"\n\u{1}")), ("x", .number(.nan)), ("list", .array([.number(1.5), .bool(true), .null])),
            ("ci", .interval(Interval(estimate: 1, lower: 0.5, upper: 2, level: 0.95))), ("empty", .object([])),
        ])
        let parsed = try JSONSerialization.jsonObject(with: Data(doc.text.utf8)) as? [String: Any]
        XCTAssertEqual(parsed?["name"] as? String, "a \"b\"\n\u{1}")
        XCTAssertTrue(parsed?["x"] is NSNull)
        XCTAssertEqual((parsed?["ci"] as? [String: Any])?["upper"] as? Double, 2)
        // Keys stay in the order given.
        let keys = ["\"name\"", "\"x\"", "\"list\"", "\"ci\"", "\"empty\""].map { doc.text.range(of: $0)!.lowerBound }
        XCTAssertEqual(keys, keys.sorted())
    }

    func testTicksAreNiceAndCoverTheRange() {
        let t = Ticks(from: 0.13, to: 9.7)
        XCTAssertLessThanOrEqual(t.lower, 0.13)
        XCTAssertGreaterThanOrEqual(t.upper, 9.7)
        XCTAssertTrue([1.0, 2, 5].contains(t.step / pow(10, floor(log10(t.step)))), "step \(t.step)")
        XCTAssertEqual(Ticks(from: 0, to: 100_000).label(50_000), "50k")
        let flat = Ticks(from: 3, to: 3)
        XCTAssertLessThan(flat.lower, 3)
        XCTAssertGreaterThan(flat.upper, 3)
    }

    /// The plot parses as XML, holds one line and one band per series, and
    /// escapes what it is given; the page is well-formed XHTML-compatible
    /// markup with no scripts and no external references.
    func testSVGAndHTMLAreWellFormedAndSelfContained() throws {
        var plot = LinePlot(title: "returns <test> & more", xLabel: "steps", yLabel: "return")
        plot.series.append(.init(name: "evolved", x: [0, 1, 2, 3], y: [1, 2, .nan, 4], lower: [0, 1, 2, 3], upper: [2, 3, 4, 5]))
        plot.series.append(.init(name: "ppo", x: [0, 1, 2, 3], y: [0, 1, 1, 2]))
        plot.references.append(.init(value: 3, label: "threshold"))
        let svg = plot.svg
        let doc = try XMLDocument(xmlString: svg)
        let root = try XCTUnwrap(doc.rootElement())
        XCTAssertEqual(root.name, "svg")
        XCTAssertEqual(try root.nodes(forXPath: "//*[local-name()='polygon']").count, 1)
        // The NaN splits evolved's line in two runs (a polyline and a single point) plus ppo's polyline.
        XCTAssertEqual(try root.nodes(forXPath: "//*[local-name()='polyline']").count, 2)
        XCTAssertTrue(svg.contains("returns &lt;test&gt; &amp; more"))

        var page = HTMLPage(title: "Report & <summary>")
        page.heading("Curves")
        page.paragraph("Five seeds; bands are 95% bootstrap intervals.")
        page.figure(svg: svg, caption: "mean return")
        page.table(header: ["method", "final"], rows: [["evolved", "17.2"], ["ppo", "−3.1"]], caption: "final return")
        page.list(["one", "two"])
        page.preformatted("populus compare populations/x")
        let html = page.html
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        // Well-formed: the document minus its doctype parses as XML.
        let body = String(html.drop(while: { $0 != "\n" }))
            .replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "<meta charset=\"utf-8\"/>")
            .replacingOccurrences(of: "initial-scale=1\">", with: "initial-scale=1\"/>")
        XCTAssertNoThrow(try XMLDocument(xmlString: body), "the page is not well-formed")
        for forbidden in ["<script", "http://", "https://", "src=", "<link", "@import", "url("] {
            let rest = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            XCTAssertFalse(rest.contains(forbidden), "the page refers outside itself: \(forbidden)")
        }
        XCTAssertTrue(html.contains("Report &amp; &lt;summary&gt;"))
    }
}
