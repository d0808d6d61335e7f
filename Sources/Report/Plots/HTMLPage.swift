/// A self-contained HTML page: inline CSS, inline SVG figures, no scripts
/// and nothing fetched from the network, so it opens from a copied folder
/// or an offline machine exactly as it was written.
///
///     var page = HTMLPage(title: "EPG report")
///     page.heading("Learning curves")
///     page.figure(svg: plot.svg, caption: "mean return, 95% bootstrap band")
///     page.table(header: ["method", "final return"], rows: [["evolved", "17.2"]])
///     try ReportFile.write(page.html, to: dir.appendingPathComponent("index.html"))
public struct HTMLPage: Sendable {
    public var title: String
    /// The body markup so far.
    public private(set) var body = ""

    public init(title: String) { self.title = title }

    /// An `<h1>`…`<h6>` (text escaped).
    public mutating func heading(_ text: String, level: Int = 2) {
        let l = min(max(level, 1), 6)
        body += "<h\(l)>\(XML.escape(text))</h\(l)>\n"
    }

    /// A paragraph of plain text (escaped).
    public mutating func paragraph(_ text: String) { body += "<p>\(XML.escape(text))</p>\n" }

    /// A bulleted list of plain-text items.
    public mutating func list(_ items: [String]) {
        body += "<ul>\n" + items.map { "<li>\(XML.escape($0))</li>\n" }.joined() + "</ul>\n"
    }

    /// Preformatted text (a command, a config).
    public mutating func preformatted(_ text: String) { body += "<pre>\(XML.escape(text))</pre>\n" }

    /// A table of plain-text cells; numeric-looking cells are right-aligned.
    public mutating func table(header: [String], rows: [[String]], caption: String? = nil) {
        body += "<table>\n"
        if let caption { body += "<caption>\(XML.escape(caption))</caption>\n" }
        body += "<thead><tr>" + header.map { "<th>\(XML.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            body += "<tr>" + row.map { cell in
                let numeric = cell.first.map { $0.isNumber || $0 == "-" || $0 == "−" } ?? false
                return numeric ? "<td class=\"num\">\(XML.escape(cell))</td>" : "<td>\(XML.escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        body += "</tbody>\n</table>\n"
    }

    /// An inline SVG figure with a caption. The SVG must be a document from
    /// this module (`LinePlot.svg`): it is embedded as markup, not escaped.
    public mutating func figure(svg: String, caption: String) {
        body += "<figure>\n\(svg)<figcaption>\(XML.escape(caption))</figcaption>\n</figure>\n"
    }

    /// The whole document.
    public var html: String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(XML.escape(title))</title>
        <style>
        body { font-family: sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; }
        th { background: #f3f3f3; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
        figure { margin: 1.5em 0; }
        figcaption { color: #555; font-size: 0.9em; }
        pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; }
        svg { max-width: 100%; height: auto; }
        </style>
        </head>
        <body>
        <h1>\(XML.escape(title))</h1>
        \(body)</body>
        </html>

        """
    }
}
