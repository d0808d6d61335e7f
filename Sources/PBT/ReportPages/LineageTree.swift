import Foundation
import Report

/// A PBT population's lineage as an SVG document: one row per member, one
/// bar per generation, coloured by the start member whose weights the bar's
/// member carries (its root), and a line at every exploit from the copied
/// member to the copier. One member's ancestry — whose weights it holds at
/// the end — is drawn over in black.
///
///     var tree = LineageTree(title: "lineage", members: 8, generations: 40)
///     tree.exploits.append(.init(boundary: 3, source: 2, target: 5))   // after generation 3, 5 copied 2
///     tree.highlight = 5
///     page.figure(svg: tree.svg, caption: "…")
///
/// Generation g (0-based) is the bar between boundaries g and g + 1; an
/// exploit at boundary b takes the source's state at the end of generation
/// b − 1 into the target's generation b. Exploits after the last generation
/// have no bar to lead to and are not drawn.
public struct LineageTree: Sendable {
    /// After generation `boundary − 1`, `target` copied `source`.
    public struct Exploit: Sendable, Equatable {
        public var boundary: Int
        public var source: Int
        public var target: Int
        public init(boundary: Int, source: Int, target: Int) {
            self.boundary = boundary
            self.source = source
            self.target = target
        }
    }

    public var title: String
    public var members: Int
    public var generations: Int
    public var exploits: [Exploit] = []
    /// The member (at the end) whose ancestry is drawn in black.
    public var highlight: Int?
    public var width = 900
    public var rowHeight = 18

    /// Root colours: Okabe & Ito's without black (black marks the ancestry), then six more.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
                                 "#999999", "#8C564B", "#17BECF", "#BCBD22", "#7F3C8D", "#11A579"]

    public init(title: String, members: Int, generations: Int) {
        self.title = title
        self.members = members
        self.generations = generations
    }

    /// roots[g][m]: the start member whose weights member m trains in generation g.
    public var roots: [[Int]] {
        guard generations > 0 else { return [] }
        var out = [Array(0..<members)]
        let byBoundary = Dictionary(grouping: exploits, by: \.boundary)
        for g in 1..<generations {
            var next = out[g - 1]
            for e in byBoundary[g] ?? [] where (0..<members).contains(e.source) && (0..<members).contains(e.target) {
                next[e.target] = out[g - 1][e.source]
            }
            out.append(next)
        }
        return out
    }

    /// The (generation, member) bars `member`'s final weights went through, last first.
    public func ancestry(of member: Int) -> [(generation: Int, member: Int)] {
        var out: [(generation: Int, member: Int)] = []
        var current = member
        for g in stride(from: generations - 1, through: 0, by: -1) {
            out.append((g, current))
            if let e = exploits.last(where: { $0.boundary == g && $0.target == current }) { current = e.source }
        }
        return out
    }

    public var svg: String {
        let left = 56.0, right = 16.0, top = 40.0, bottom = 44.0
        let rowH = Double(rowHeight), w = Double(width)
        let height = top + rowH * Double(members) + bottom
        let plotW = max(w - left - right, 40)
        let colW = plotW / Double(max(generations, 1))
        let gap = min(colW * 0.35, 10)
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        func x(_ boundary: Int) -> Double { left + Double(boundary) * colW }
        func y(_ m: Int) -> Double { top + (Double(m) + 0.5) * rowH }
        let palette = Self.palette
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(Int(height))\" viewBox=\"0 0 \(width) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        s += "<title>\(XML.escape(title))</title>\n<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(Int(height))\" fill=\"#ffffff\"/>\n"
        s += "<text x=\"\(f(left + plotW / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">\(XML.escape(title))</text>\n"
        for m in 0..<members {
            s += "<text x=\"\(f(left - 8))\" y=\"\(f(y(m) + 4))\" text-anchor=\"end\">m\(m)</text>\n"
        }
        let roots = self.roots
        for g in 0..<generations {
            for m in 0..<members {
                let color = palette[roots[g][m] % palette.count]
                s += "<line x1=\"\(f(x(g) + gap))\" y1=\"\(f(y(m)))\" x2=\"\(f(x(g + 1)))\" y2=\"\(f(y(m)))\" stroke=\"\(color)\" stroke-width=\"\(f(rowH * 0.45))\" stroke-opacity=\"0.8\"/>\n"
            }
        }
        let drawn = exploits.filter { $0.boundary >= 1 && $0.boundary < generations }
        for e in drawn {
            s += "<line x1=\"\(f(x(e.boundary)))\" y1=\"\(f(y(e.source)))\" x2=\"\(f(x(e.boundary) + gap))\" y2=\"\(f(y(e.target)))\" stroke=\"#444444\" stroke-width=\"1\"/>\n"
        }
        if let h = highlight, (0..<members).contains(h), generations > 0 {
            let path = ancestry(of: h)
            for (g, m) in path {
                s += "<line x1=\"\(f(x(g) + gap))\" y1=\"\(f(y(m)))\" x2=\"\(f(x(g + 1)))\" y2=\"\(f(y(m)))\" stroke=\"#000000\" stroke-width=\"2.5\"/>\n"
            }
            for (later, earlier) in zip(path, path.dropFirst()) where later.member != earlier.member {
                s += "<line x1=\"\(f(x(later.generation)))\" y1=\"\(f(y(earlier.member)))\" x2=\"\(f(x(later.generation) + gap))\" y2=\"\(f(y(later.member)))\" stroke=\"#000000\" stroke-width=\"2.5\"/>\n"
            }
        }
        let ticks = Ticks(from: 0, to: Double(generations), count: 8)
        let axisY = top + rowH * Double(members)
        for v in ticks.values where v >= 0 && v <= Double(generations) && v == v.rounded() {
            s += "<line x1=\"\(f(x(Int(v))))\" y1=\"\(f(axisY))\" x2=\"\(f(x(Int(v))))\" y2=\"\(f(axisY + 4))\" stroke=\"#333333\"/>\n"
            s += "<text x=\"\(f(x(Int(v))))\" y=\"\(f(axisY + 16))\" text-anchor=\"middle\">\(Int(v))</text>\n"
        }
        s += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">generation (colour: the start member whose weights a member carries; black: member \(highlight.map(String.init) ?? "–")'s ancestry)</text>\n"
        return s + "</svg>\n"
    }
}
