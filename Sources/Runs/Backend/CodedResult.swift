import Checkpoint
import Foundation

/// Any `Codable` value as a unit result — a learning curve, a lifetime's
/// outcome — coded as a binary property list (doubles bit for bit, NaN
/// included). For results too rich to code field by field; small ones
/// (numbers, arrays of numbers) conform to `UnitResult` directly.
///
///     let curves = try backend.map(agents) { i, _ in CodedResult(train(i)) }.map(\.value)
public struct CodedResult<Value: Codable & Sendable>: UnitResult {
    public var value: Value

    public init(_ value: Value) { self.value = value }

    public func encode(into writer: inout ByteWriter) {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        // Encoding a Codable value of our own types cannot fail.
        let data = try! encoder.encode([value])
        writer.bytes(Array(data))
    }

    public init(decoding reader: inout ByteReader) throws {
        let bytes = try reader.bytes("coded result")
        do {
            value = try PropertyListDecoder().decode([Value].self, from: Data(bytes))[0]
        } catch {
            throw ByteReaderError(what: "coded result (\(error))", needed: 0, remaining: reader.remaining, offset: reader.offset)
        }
    }
}
