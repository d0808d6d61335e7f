/// A checkpoint that cannot be used, naming the file and the problem.
///
///     populations/cartpole/checkpoints/gen-00000120.ckpt: truncated or corrupt:
///     the header describes 20,512 bytes but the file holds 4,096
public struct CheckpointError: Error, Equatable, CustomStringConvertible {
    /// The file's path as given.
    public let file: String
    public let problem: Problem

    public init(file: String, problem: Problem) {
        self.file = file
        self.problem = problem
    }

    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        /// The file could not be read or written (the system's reason).
        case io(String)
        /// The file is empty.
        case empty
        /// Not a Populus checkpoint; what it looks like instead.
        case foreign(String)
        /// The header describes `described` bytes; the file holds `actual`.
        case lengthMismatch(described: UInt64, actual: Int)
        /// Written by another format version.
        case unsupportedVersion(found: Int, supported: Int)
        /// The stored CRC-32C differs from the bytes': some bit changed.
        case checksumMismatch(stored: UInt32, computed: UInt32)
        /// Intact bytes that do not parse (a bug or a hand-made file).
        case malformed(String)
        /// A checkpoint of another kind (e.g. a POET checkpoint given to `es`).
        case wrongKind(expected: String, found: String)
        /// A section the caller needs is absent.
        case missingSection(String)
        /// A setting given to the store is out of range.
        case invalidSetting(String)

        public var description: String {
            switch self {
            case .io(let why): return "cannot be read or written: \(why)"
            case .empty: return "empty file (truncated to 0 bytes)"
            case .foreign(let what): return "not a Populus checkpoint: \(what)"
            case .lengthMismatch(let described, let actual):
                return UInt64(actual) < described
                    ? "truncated or corrupt: the header describes \(described) bytes but the file holds \(actual)"
                    : "corrupt: the header describes \(described) bytes but the file holds \(actual)"
            case .unsupportedVersion(let found, let supported):
                return "format version \(found) is not supported (this Populus reads version \(supported))"
            case .checksumMismatch(let stored, let computed):
                return "corrupt: CRC-32C is \(hex(computed)) but the file records \(hex(stored))"
            case .malformed(let why): return "malformed: \(why)"
            case .wrongKind(let expected, let found): return "is a '\(found)' checkpoint; expected '\(expected)'"
            case .missingSection(let name): return "has no '\(name)' section"
            case .invalidSetting(let why): return why
            }
        }

        private func hex(_ v: UInt32) -> String {
            let s = String(v, radix: 16)
            return "0x" + String(repeating: "0", count: 8 - s.count) + s
        }
    }

    public var description: String { "\(file): \(problem)" }
}
