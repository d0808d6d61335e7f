/// A NumPy 2 scalar (or Python float) with its type, so Gymnasium's mixed
/// float32/float64 arithmetic can be replayed bit for bit.
///
/// Why: under NumPy 2's promotion rules (NEP 50) a Python float meeting a
/// `np.float32` is cast to float32 and the operation runs in float32, while
/// `np.float32` meeting `np.float64` runs in float64. Gymnasium's
/// MountainCarContinuous-v0 stores its state as float32 and mixes in Python
/// floats, so its trajectories depend on exactly where float32 rounding happens.
struct NumpyScalar {
    enum Kind { case python, float32, float64 }
    var value: Double
    var kind: Kind

    init(_ value: Double, _ kind: Kind) {
        self.value = value
        self.kind = kind
    }

    static func python(_ v: Double) -> NumpyScalar { NumpyScalar(v, .python) }

    /// The result type of a binary operation (NEP 50: Python floats are "weak").
    static func kind(_ a: Kind, _ b: Kind) -> Kind {
        if a == .float64 || b == .float64 { return .float64 }
        if a == .float32 || b == .float32 { return .float32 }
        return .python
    }

    static func apply(_ a: NumpyScalar, _ b: NumpyScalar,
                      _ d: (Double, Double) -> Double, _ f: (Float, Float) -> Float) -> NumpyScalar {
        let k = kind(a.kind, b.kind)
        if k == .float32 { return NumpyScalar(Double(f(Float(a.value), Float(b.value))), .float32) }
        return NumpyScalar(d(a.value, b.value), k)
    }

    static func + (a: NumpyScalar, b: NumpyScalar) -> NumpyScalar { apply(a, b, +, +) }
    static func - (a: NumpyScalar, b: NumpyScalar) -> NumpyScalar { apply(a, b, -, -) }
    static func * (a: NumpyScalar, b: NumpyScalar) -> NumpyScalar { apply(a, b, *, *) }

    /// Comparisons also run in the promoted type.
    static func compare(_ a: NumpyScalar, _ b: NumpyScalar,
                        _ d: (Double, Double) -> Bool, _ f: (Float, Float) -> Bool) -> Bool {
        kind(a.kind, b.kind) == .float32 ? f(Float(a.value), Float(b.value)) : d(a.value, b.value)
    }

    static func < (a: NumpyScalar, b: NumpyScalar) -> Bool { compare(a, b, <, <) }
    static func > (a: NumpyScalar, b: NumpyScalar) -> Bool { compare(a, b, >, >) }
    static func >= (a: NumpyScalar, b: NumpyScalar) -> Bool { compare(a, b, >=, >=) }
    static func == (a: NumpyScalar, b: NumpyScalar) -> Bool { compare(a, b, ==, ==) }
}
