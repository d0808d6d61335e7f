import Foundation
import Runs

/// The schedule as people read it:
///
///     pbt-pendulum, member 3: score -181.2 after 327,680 steps; lineage 6 → 2 → 3
///     steps               member  learning_rate
///     0–40,960            6       0.0021
public enum PBTScheduleTable {
    public static func text(_ s: HyperparameterSchedule, space: HyperparameterSpace) -> String {
        var carriers: [Int] = []
        for seg in s.segments where carriers.last != seg.member { carriers.append(seg.member) }
        var out = "\(s.run), member \(s.member): score \(s.score.map(humanNumber) ?? "none") after \(groupedDigits(s.steps)) steps; "
            + "lineage \(carriers.map(String.init).joined(separator: " → ")), \(s.segments.count - 1) exploit\(s.segments.count == 2 ? "" : "s")\n"
        let header = ["steps", "member"] + space.names
        var rows = [header]
        for seg in s.segments {
            rows.append(["\(groupedDigits(seg.fromStep))–\(groupedDigits(seg.toStep))", "\(seg.member)"]
                        + space.names.map { seg.hyperparameters[$0].map(formatted) ?? "–" })
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max()! }
        for row in rows {
            out += row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        return String(out.dropLast())
    }

    public static func formatted(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%.4g", v)
    }
}
