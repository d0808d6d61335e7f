import Foundation

/// A line plot as a standalone SVG document: one line per series, each with
/// an optional shaded band (a confidence interval), nice axis ticks, labels,
/// a legend and optional horizontal reference lines (a threshold). No
/// scripts, no fonts or styles from outside: it renders offline, inline in
/// HTML or on its own.
///
///     var plot = LinePlot(title: "point-goal, test split", xLabel: "environment steps", yLabel: "return")
///     plot.series.append(.init(name: "evolved", x: steps, y: mean, lower: lo, upper: hi))
///     plot.references.append(.init(value: 12, label: "threshold"))
///     try ReportFile.write(plot.svg, to: url)
public struct LinePlot: Sendable {
    /// One curve: y over x, with an optional band [lower, upper] at the same x.
    public struct Series: Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public var lower: [Double]?
        public var upper: [Double]?
        /// A CSS colour; nil picks the next of `LinePlot.palette`.
        public var color: String?

        public init(name: String, x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
                    color: String? = nil) {
            precondition(x.count == y.count, "LinePlot.Series \(name): \(x.count) x for \(y.count) y")
            precondition(lower.map { $0.count == x.count } ?? true && upper.map { $0.count == x.count } ?? true,
                         "LinePlot.Series \(name): band length differs from the line's")
            precondition((lower == nil) == (upper == nil), "LinePlot.Series \(name): a band needs both ends")
            self.name = name
            self.x = x
            self.y = y
            self.lower = lower
            self.upper = upper
            self.color = color
        }
    }

    /// A dashed horizontal line at y = value.
    public struct Reference: Sendable {
        public var value: Double
        public var label: String
        public init(value: Double, label: String) {
            self.value = value
            self.label = label
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var width = 640
    public var height = 400
    public var series: [Series] = []
    public var references: [Reference] = []

    /// Okabe & Ito's colour-blind-safe palette.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

    public init(title: String, xLabel: String, yLabel: String) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// The plot as an SVG document (with the XML namespace, so it stands alone).
    public var svg: String {
        let left = 64.0, right = 16.0, top = 36.0, bottom = 48.0
        let legendWidth = series.isEmpty ? 0.0 : 12.0 + 7.0 * Double(series.map(\.name.count).max() ?? 0) + 28
        let w = Double(width), h = Double(height)
        let plotW = max(w - left - right - legendWidth, 40), plotH = max(h - top - bottom, 40)
        let finite = { (v: [Double]) in v.filter(\.isFinite) }
        let xs = series.flatMap { finite($0.x) }
        let ys = series.flatMap { finite($0.y) + finite($0.lower ?? []) + finite($0.upper ?? []) }
            + references.map(\.value).filter(\.isFinite)
        let xt = Ticks(from: xs.min() ?? 0, to: xs.max() ?? 1)
        let yt = Ticks(from: ys.min() ?? 0, to: ys.max() ?? 1)
        // The x axis ends at the data (a budget of 3,200 steps is not drawn to 4,000).
        let xEnd = xs.max().map { $0 > xt.lower ? $0 : xt.upper } ?? xt.upper
        let xTicks = xt.values.filter { $0 <= xEnd + 1e-9 * Swift.max(1, abs(xEnd)) }
        func px(_ x: Double) -> Double { left + (x - xt.lower) / (xEnd - xt.lower) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - yt.lower) / (yt.upper - yt.lower) * plotH }
        func f(_ v: Double) -> String { String(format: "%.2f", v) }

        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"12\">\n"
        s += "<title>\(XML.escape(title))</title>\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        s += "<text x=\"\(f(left + plotW / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">\(XML.escape(title))</text>\n"
        // Grid and ticks.
        for v in yt.values {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(py(v)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(py(v)))\" stroke=\"#e5e5e5\"/>\n"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(py(v) + 4))\" text-anchor=\"end\">\(XML.escape(yt.label(v)))</text>\n"
        }
        for v in xTicks {
            s += "<line x1=\"\(f(px(v)))\" y1=\"\(f(top + plotH))\" x2=\"\(f(px(v)))\" y2=\"\(f(top + plotH + 4))\" stroke=\"#333333\"/>\n"
            s += "<text x=\"\(f(px(v)))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\">\(XML.escape(xt.label(v)))</text>\n"
        }
        s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#333333\"/>\n"
        s += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(h - 8))\" text-anchor=\"middle\">\(XML.escape(xLabel))</text>\n"
        s += "<text transform=\"translate(16 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(XML.escape(yLabel))</text>\n"
        // Bands first, so every line sits on top of every band.
        for (i, line) in series.enumerated() {
            guard let lo = line.lower, let hi = line.upper else { continue }
            let color = line.color ?? Self.palette[i % Self.palette.count]
            for run in Self.finiteRuns(line.x, lo, hi) {
                let upperPath = run.map { "\(f(px(line.x[$0]))),\(f(py(hi[$0])))" }
                let lowerPath = run.reversed().map { "\(f(px(line.x[$0]))),\(f(py(lo[$0])))" }
                s += "<polygon points=\"\((upperPath + lowerPath).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
            }
        }
        for (i, line) in series.enumerated() {
            let color = line.color ?? Self.palette[i % Self.palette.count]
            for run in Self.finiteRuns(line.x, line.y, line.y) {
                let points = run.map { "\(f(px(line.x[$0]))),\(f(py(line.y[$0])))" }.joined(separator: " ")
                s += run.count == 1
                    ? "<circle cx=\"\(f(px(line.x[run[0]])))\" cy=\"\(f(py(line.y[run[0]])))\" r=\"2.5\" fill=\"\(color)\"/>\n"
                    : "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            }
        }
        for r in references where r.value.isFinite {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(py(r.value)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(py(r.value)))\" stroke=\"#555555\" stroke-dasharray=\"5 4\"/>\n"
            s += "<text x=\"\(f(left + plotW - 4))\" y=\"\(f(py(r.value) - 4))\" text-anchor=\"end\" fill=\"#555555\">\(XML.escape(r.label))</text>\n"
        }
        // Legend.
        for (i, line) in series.enumerated() {
            let color = line.color ?? Self.palette[i % Self.palette.count]
            let y = top + 8 + Double(i) * 18, x = left + plotW + 12
            s += "<line x1=\"\(f(x))\" y1=\"\(f(y))\" x2=\"\(f(x + 20))\" y2=\"\(f(y))\" stroke=\"\(color)\" stroke-width=\"3\"/>\n"
            s += "<text x=\"\(f(x + 26))\" y=\"\(f(y + 4))\">\(XML.escape(line.name))</text>\n"
        }
        return s + "</svg>\n"
    }

    /// Index runs where x and both values are finite (a gap breaks a line).
    static func finiteRuns(_ x: [Double], _ a: [Double], _ b: [Double]) -> [[Int]] {
        var runs: [[Int]] = [], current: [Int] = []
        for i in x.indices {
            if x[i].isFinite && a[i].isFinite && b[i].isFinite {
                current.append(i)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}

/// Escaping text for XML and HTML bodies and attribute values.
public enum XML {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
