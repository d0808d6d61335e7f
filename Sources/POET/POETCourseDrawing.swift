import Foundation
import Report

/// One POET environment drawn as a standalone SVG: its ground line, solid
/// obstacles (pit walls, stumps, stairs, blocks) and, optionally, the path
/// of the paired agent and a few stick-figure snapshots of its body. World
/// coordinates are metres (y up); the drawing keeps the aspect ratio, so a
/// 1 m stump looks 1 m tall next to a 1 m gap.
///
///     var d = POETCourseDrawing(title: "env 7: roughness 2.4, pit gap 0.8–2.0")
///     d.ground.append(zip(xs, ys).map { ($0, $1) })
///     d.solids.append(.init(kind: "stump", points: [(3, 4), (3.5, 4), (3.5, 4.6), (3, 4.6)]))
///     d.path = hullPositions
///     try ReportFile.write(d.svg, to: url)
public struct POETCourseDrawing: Sendable {
    /// A filled polygon (kind picks its colour: pit, stump, stair, wall, …).
    public struct Solid: Sendable {
        public var kind: String
        public var points: [(x: Double, y: Double)]
        public init(kind: String, points: [(x: Double, y: Double)]) {
            self.kind = kind
            self.points = points
        }
    }

    public var title: String
    /// Polylines of the ground surface (several when pits break it).
    public var ground: [[(x: Double, y: Double)]] = []
    public var solids: [Solid] = []
    /// The agent's path (e.g. the hull or the point mass), in step order.
    public var path: [(x: Double, y: Double)] = []
    /// Line segments of body snapshots drawn along the path.
    public var figures: [[(from: (x: Double, y: Double), to: (x: Double, y: Double))]] = []
    /// Points marked with a label (the start, where the episode ended).
    public var marks: [(x: Double, y: Double, label: String)] = []
    /// Pixels per metre (the width follows from the course's extent).
    public var scale = 12.0
    /// Depth drawn below the lowest point, in metres (so pits show as holes).
    public var margin = 1.0

    public init(title: String) { self.title = title }

    static let colours = ["pit": "#8c6d46", "stump": "#6b4f2a", "stair": "#7a7a7a", "wall": "#6b4f2a"]

    /// The drawing as an SVG document.
    public var svg: String {
        let all = ground.flatMap { $0 } + solids.flatMap(\.points) + path
            + figures.flatMap { $0.flatMap { [$0.from, $0.to] } }
        let xs = all.map(\.x).filter(\.isFinite), ys = all.map(\.y).filter(\.isFinite)
        let minX = (xs.min() ?? 0) - margin, maxX = (xs.max() ?? 1) + margin
        let minY = (ys.min() ?? 0) - margin, maxY = (ys.max() ?? 1) + margin
        let top = 28.0
        // Room on the right for the last mark's label.
        let labelRoom = 7.0 * Double(marks.map(\.label.count).max() ?? 0)
        let w = max((maxX - minX) * scale + labelRoom, 120), h = max((maxY - minY) * scale, 40) + top
        func px(_ x: Double) -> String { String(format: "%.1f", (x - minX) * scale) }
        func py(_ y: Double) -> String { String(format: "%.1f", top + (maxY - y) * scale) }
        func points(_ p: [(x: Double, y: Double)]) -> String { p.map { "\(px($0.x)),\(py($0.y))" }.joined(separator: " ") }
        var s = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(w.rounded(.up)))" height="\(Int(h.rounded(.up)))" \
        viewBox="0 0 \(Int(w.rounded(.up))) \(Int(h.rounded(.up)))" font-family="sans-serif" font-size="12">
        <rect x="0" y="\(Int(top))" width="\(Int(w.rounded(.up)))" height="\(Int((h - top).rounded(.up)))" fill="#eef5fb"/>
        <text x="4" y="18" font-size="13">\(XML.escape(title))</text>

        """
        for line in ground where line.count > 1 {
            // The ground as a filled band down to the bottom edge, then its surface.
            let closed = line + [(x: line.last!.x, y: minY), (x: line.first!.x, y: minY)]
            s += "<polygon points=\"\(points(closed))\" fill=\"#d9caa3\"/>\n"
            s += "<polyline points=\"\(points(line))\" fill=\"none\" stroke=\"#4d7a2a\" stroke-width=\"2\"/>\n"
        }
        for solid in solids where solid.points.count > 2 {
            s += "<polygon points=\"\(points(solid.points))\" fill=\"\(Self.colours[solid.kind] ?? "#555")\" stroke=\"#333\" stroke-width=\"0.5\"><title>\(XML.escape(solid.kind))</title></polygon>\n"
        }
        if path.count > 1 {
            s += "<polyline points=\"\(points(path))\" fill=\"none\" stroke=\"#D55E00\" stroke-width=\"1.5\" stroke-opacity=\"0.8\"/>\n"
        }
        for figure in figures {
            for seg in figure {
                s += "<line x1=\"\(px(seg.from.x))\" y1=\"\(py(seg.from.y))\" x2=\"\(px(seg.to.x))\" y2=\"\(py(seg.to.y))\" stroke=\"#0072B2\" stroke-width=\"2\" stroke-linecap=\"round\"/>\n"
            }
        }
        for m in marks where m.x.isFinite && m.y.isFinite {
            s += "<circle cx=\"\(px(m.x))\" cy=\"\(py(m.y))\" r=\"3\" fill=\"#000\"/>"
            s += "<text x=\"\(px(m.x))\" y=\"\(py(m.y))\" dx=\"4\" dy=\"-4\">\(XML.escape(m.label))</text>\n"
        }
        return s + "</svg>\n"
    }
}
