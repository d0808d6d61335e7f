/// An optimizer's resumable state: the rule's name, the step counter and
/// every slot value, as Codable fields or as one byte string.
public struct OptimizerState: Codable, Sendable, Equatable {
    public var rule: String
    public var step: Int
    /// Slot k of parameter i at `k * parameterCount + i`.
    public var slots: [Float]

    public init(rule: String, step: Int, slots: [Float]) {
        self.rule = rule
        self.step = step
        self.slots = slots
    }

    static let magic: [UInt8] = Array("OPTS".utf8)
    static let version: UInt8 = 1

    /// "OPTS", version, name length (UInt16) and UTF-8 name, step (UInt64),
    /// slot count (UInt64), then each slot's Float bits; all little-endian.
    public var bytes: [UInt8] {
        var out = Self.magic + [Self.version]
        let name = Array(rule.utf8)
        out.reserveCapacity(out.count + 2 + name.count + 16 + 4 * slots.count)
        appendLE(UInt64(name.count), bytes: 2, to: &out)
        out += name
        appendLE(UInt64(step), bytes: 8, to: &out)
        appendLE(UInt64(slots.count), bytes: 8, to: &out)
        for v in slots { appendLE(UInt64(v.bitPattern), bytes: 4, to: &out) }
        return out
    }

    /// Decodes `bytes`; throws naming what is malformed.
    public init(bytes: [UInt8]) throws(OptimizerStateError) {
        var reader = ByteReader(bytes: bytes)
        guard try reader.take(4) == Self.magic else { throw .badMagic }
        let v = try reader.take(1)[0]
        guard v == Self.version else { throw .unsupportedVersion(v) }
        let nameLength = Int(try reader.integer(2))
        guard let name = String(validating: try reader.take(nameLength), as: UTF8.self) else { throw .truncated }
        // A step beyond Int.max reads as negative, which `restore` refuses.
        let step = Int(truncatingIfNeeded: try reader.integer(8))
        // The slot count is checked against the bytes that remain before it
        // becomes an Int or an allocation (a corrupt count must not trap).
        let count = try reader.integer(8)
        guard count <= UInt64(bytes.count - reader.position) / 4 else { throw .truncated }
        let n = Int(count)
        var slots = [Float](repeating: 0, count: n)
        for i in 0..<n { slots[i] = Float(bitPattern: UInt32(try reader.integer(4))) }
        guard reader.position == bytes.count else { throw .trailingBytes(bytes.count - reader.position) }
        self.init(rule: name, step: step, slots: slots)
    }
}

/// Why saved optimizer state was refused.
public enum OptimizerStateError: Error, Equatable, CustomStringConvertible {
    case badMagic
    case unsupportedVersion(UInt8)
    case truncated
    case trailingBytes(Int)
    case wrongRule(got: String, expected: String)
    case wrongSize(got: Int, expected: Int)

    public var description: String {
        switch self {
        case .badMagic: return "optimizer state does not start with the 'OPTS' marker"
        case .unsupportedVersion(let v): return "optimizer state version \(v) is not supported (expected 1)"
        case .truncated: return "optimizer state is truncated"
        case .trailingBytes(let n): return "optimizer state has \(n) unexpected trailing bytes"
        case let .wrongRule(got, expected): return "optimizer state is for '\(got)', this optimizer is '\(expected)'"
        case let .wrongSize(got, expected): return "optimizer state holds \(got) slot values; this model needs \(expected)"
        }
    }
}

extension Optimizer {
    /// A snapshot of the slots and step counter.
    public var state: OptimizerState {
        OptimizerState(rule: Rule.name, step: stepCount,
                       slots: Array(UnsafeBufferPointer(start: slots, count: Rule.slotCount * slotLength)))
    }

    /// Continues from a snapshot (same rule, same parameter count).
    public func restore(_ s: OptimizerState) throws(OptimizerStateError) {
        guard s.rule == Rule.name else { throw .wrongRule(got: s.rule, expected: Rule.name) }
        let n = Rule.slotCount * slotLength
        guard s.slots.count == n else { throw .wrongSize(got: s.slots.count, expected: n) }
        guard s.step >= 0 else { throw .truncated }
        s.slots.withUnsafeBufferPointer { if n > 0 { slots.update(from: $0.baseAddress!, count: n) } }
        stepCount = s.step
    }
}

private func appendLE(_ v: UInt64, bytes: Int, to out: inout [UInt8]) {
    for k in 0..<bytes { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
}

private struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    mutating func take(_ n: Int) throws(OptimizerStateError) -> [UInt8] {
        guard n >= 0, position + n <= bytes.count else { throw .truncated }
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    mutating func integer(_ n: Int) throws(OptimizerStateError) -> UInt64 {
        var v: UInt64 = 0
        for (k, b) in try take(n).enumerated() { v |= UInt64(b) << (8 * UInt64(k)) }
        return v
    }
}
