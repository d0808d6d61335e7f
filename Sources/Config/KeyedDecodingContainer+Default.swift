extension KeyedDecodingContainer {
    /// The value under `key`, or `defaultValue` when the key is absent — for
    /// hand-written `init(from:)` (a ``ConfigSection`` needs none):
    ///
    /// ```swift
    /// public init(from decoder: any Decoder) throws {
    ///     let c = try decoder.container(keyedBy: CodingKeys.self)
    ///     gamma = try c.value(.gamma, default: 0.99)
    ///     learningRate = try c.value(.learningRate, default: 3e-4)
    /// }
    /// ```
    ///
    /// A key present with `null` is refused for a non-optional `T` (it is not
    /// silently replaced by the default).
    public func value<T: Decodable>(_ key: Key, default defaultValue: @autoclosure () -> T) throws -> T {
        contains(key) ? try decode(T.self, forKey: key) : defaultValue()
    }
}
