import Foundation

/// A registry value other modules extend at start-up (`register` calls from
/// the `populus` executable), read from any thread. Reads copy the value
/// (copy-on-write arrays), so a registry handed out never changes under its
/// reader.
final class RegistryStore<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    var current: Value {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func update(_ body: (inout Value) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&value)
    }
}
