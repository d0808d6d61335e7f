import Foundation

/// A number for people: integers bare, others with up to 4 significant decimals
/// (`12`, `0.0312`, `412.3`, `nan`).
public func humanNumber(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
    return String(format: abs(v) >= 100 ? "%.1f" : abs(v) >= 1 ? "%.3f" : "%.4g", v)
}

/// 75 → "1:15", 3725 → "1:02:05": durations on progress lines.
public func clockTime(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    let two = { (v: Int) in v < 10 ? "0\(v)" : "\(v)" }
    return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
}

/// 50000 → "50,000".
public func groupedDigits(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return n < 0 ? "-" + out : out
}

/// Seconds of a duration as a Double.
public func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
