/// Checks a loss's gradients against central finite differences, so a
/// composite loss (PPO's, EPG's) can be verified the way the engine's ops are.
///
///     let report = GradientCheck.run(
///         inputs: [.init(x, rows: 4, cols: 3)], parameters: [params]) { tape, v in
///         (mlp(v[0]).tanh() * 0.5).sum()
///     }
///     XCTAssertTrue(report.passed, report.description)
///
/// Both sides run in Float: with the default step h = 10⁻² and O(1) inputs,
/// rounding contributes about 10⁻⁵ and truncation h²·f‴/6 about 10⁻⁵ to each
/// difference quotient, far inside the tolerance (10⁻³ + 1%), while a wrong
/// pullback — a dropped factor 2, a transposed matrix — misses it by orders
/// of magnitude (the tests prove the check fails on such faults).
public enum GradientCheck {
    /// One input tensor: values (row-major) and shape.
    public struct Input {
        public var values: [Float]
        public var rows: Int
        public var cols: Int
        public init(_ values: [Float], rows: Int, cols: Int) {
            self.values = values
            self.rows = rows
            self.cols = cols
        }
    }

    /// The outcome: how many partial derivatives were compared, the worst
    /// discrepancy, and the ones outside tolerance.
    public struct Report: CustomStringConvertible, Sendable {
        public var checked = 0
        public var maxAbsoluteError: Float = 0
        public var failures: [String] = []
        public var passed: Bool { failures.isEmpty && checked > 0 }
        public var description: String {
            let head = "\(checked) partials, max |analytic − numeric| = \(maxAbsoluteError)"
            return failures.isEmpty ? head : head + "; \(failures.count) outside tolerance, e.g. "
                + failures.prefix(5).joined(separator: "; ")
        }
    }

    /// Compares ∂loss/∂input (inputs become `variable`s) and ∂loss/∂θ for
    /// every trainable set in `parameters` with (f(x + h) − f(x − h)) / 2h.
    /// The analytic pass runs on `tape` (tests install deliberate faults there).
    public static func run(inputs: [Input], parameters: [ParameterSet] = [],
                           step h: Float = 1e-2, absoluteTolerance: Float = 1e-3,
                           relativeTolerance: Float = 1e-2, tape: Tape = Tape(),
                           loss: (Tape, [Tensor]) -> Tensor) -> Report {
        var x = inputs
        func evaluate() -> Float {
            tape.reset()
            let vars = x.map { tape.variable($0.values, rows: $0.rows, cols: $0.cols) }
            return loss(tape, vars).scalar
        }
        // Analytic gradients.
        tape.reset()
        let vars = x.map { tape.variable($0.values, rows: $0.rows, cols: $0.cols) }
        let l = loss(tape, vars)
        tape.backward(l)
        let inputGradients = vars.map { tape.gradient(of: $0) }
        let parameterGradients = parameters.map { $0.trainable ? $0.flatGradients() : [] }

        var report = Report()
        func compare(_ analytic: Float, _ numeric: Float, _ name: @autoclosure () -> String) {
            let err = Swift.abs(analytic - numeric)
            report.checked += 1
            report.maxAbsoluteError = Swift.max(report.maxAbsoluteError, err)
            let allowed = absoluteTolerance + relativeTolerance * Swift.max(Swift.abs(analytic), Swift.abs(numeric))
            if !(err <= allowed) { report.failures.append("\(name()): analytic \(analytic), numeric \(numeric)") }
        }
        for k in x.indices {
            for i in x[k].values.indices {
                let saved = x[k].values[i]
                x[k].values[i] = saved + h
                let up = evaluate()
                x[k].values[i] = saved - h
                let down = evaluate()
                x[k].values[i] = saved
                compare(inputGradients[k][i], (up - down) / (2 * h), "input \(k)[\(i)]")
            }
        }
        for (s, set) in parameters.enumerated() where set.trainable {
            for i in 0..<set.count {
                let saved = set.values[i]
                set.values[i] = saved + h
                let up = evaluate()
                set.values[i] = saved - h
                let down = evaluate()
                set.values[i] = saved
                compare(parameterGradients[s][i], (up - down) / (2 * h), "parameter set \(s)[\(i)] (\(entryName(set, i)))")
            }
        }
        return report
    }

    private static func entryName(_ set: ParameterSet, _ i: Int) -> String {
        set.entries.first { i >= $0.offset && i < $0.offset + $0.count }.map { "\($0.name)" } ?? "?"
    }
}
