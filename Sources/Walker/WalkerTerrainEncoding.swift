import Environments

/// The encoding of a `walker-terrain` environment: POET's `Env_config`
/// (uber-research/poet, `bipedal_walker_custom.py`), field for field. Each
/// obstacle kind is a range its sizes are drawn from, in terrain steps
/// (14/30 m), or empty when the kind is absent; `ground_roughness` scales the
/// grass's random slope. The flat environment POET starts from has roughness
/// 0 and every kind empty.
///
///     WalkerTerrainEncoding(groundRoughness: 2.4, pitGap: [0.8, 2.0])
///     // rough grass, pits 1.8–3.0 steps wide (a pit is 1 + U(low, high) steps)
///
/// JSON keys are the original's (`ground_roughness`, `pit_gap`, …); decoding
/// refuses ranges that are not empty or [low, high] with low ≤ high.
public struct WalkerTerrainEncoding: ParametricEncoding, Hashable {
    /// Multiplies the grass's vertical velocity (0: flat).
    public var groundRoughness: Double
    /// Pit gap range: a pit is 1 + U(low, high) steps wide and 4 steps deep.
    public var pitGap: [Double]
    /// Stump width range: randint(low, high) steps (POET keeps [1, 2]: 1 step).
    public var stumpWidth: [Int]
    /// Stump height range: U(low, high) steps.
    public var stumpHeight: [Double]
    /// Height of the stump above the ground: randint(low, high) steps ([0, 1]: 0).
    public var stumpFloat: [Int]
    /// Stair riser height range: U(low, high) steps.
    public var stairHeight: [Double]
    /// Stair tread width range: randint(low, high) steps ([4, 5]: 4).
    public var stairWidth: [Int]
    /// Number of stairs: randint(low, high) ([1, 2]: 1).
    public var stairSteps: [Int]

    public init(groundRoughness: Double = 0, pitGap: [Double] = [],
                stumpWidth: [Int] = [], stumpHeight: [Double] = [], stumpFloat: [Int] = [],
                stairHeight: [Double] = [], stairWidth: [Int] = [], stairSteps: [Int] = []) {
        self.groundRoughness = groundRoughness
        self.pitGap = pitGap
        self.stumpWidth = stumpWidth
        self.stumpHeight = stumpHeight
        self.stumpFloat = stumpFloat
        self.stairHeight = stairHeight
        self.stairWidth = stairWidth
        self.stairSteps = stairSteps
    }

    /// POET's starting environment.
    public static let flat = WalkerTerrainEncoding()

    /// Pits are on the course (POET: `if config.pit_gap`).
    public var hasPits: Bool { pitGap.count == 2 }
    /// Stumps are on the course (width, height and float all given).
    public var hasStumps: Bool { stumpWidth.count == 2 && stumpHeight.count == 2 && stumpFloat.count == 2 }
    /// Stairs are on the course (height, width and steps all given).
    public var hasStairs: Bool { stairHeight.count == 2 && stairWidth.count == 2 && stairSteps.count == 2 }

    /// POET's niche name (`name_env_config`): `r2.4.p0.8_2.0.b1_0.2_0.6`.
    public var name: String {
        var s = "r\(groundRoughness)"
        if hasPits { s += ".p\(pitGap[0])_\(pitGap[1])" }
        if hasStumps { s += ".b\(stumpWidth[0])_\(stumpHeight[0])_\(stumpHeight[1])" }
        if hasStairs { s += ".s\(stairSteps[0])_\(stairHeight[1])" }
        return s
    }

    public var description: String {
        var parts = ["roughness \(groundRoughness)"]
        if hasPits { parts.append("pit gap \(pitGap[0])–\(pitGap[1])") }
        if hasStumps { parts.append("stump height \(stumpHeight[0])–\(stumpHeight[1])") }
        if hasStairs { parts.append("stair height \(stairHeight[0])–\(stairHeight[1])") }
        return parts.count == 1 && groundRoughness == 0 ? "flat" : parts.joined(separator: ", ")
    }

    enum CodingKeys: String, CodingKey {
        case groundRoughness = "ground_roughness", pitGap = "pit_gap"
        case stumpWidth = "stump_width", stumpHeight = "stump_height", stumpFloat = "stump_float"
        case stairHeight = "stair_height", stairWidth = "stair_width", stairSteps = "stair_steps"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func range<T: Decodable & Comparable>(_ key: CodingKeys) throws -> [T] {
            let r = try c.decodeIfPresent([T].self, forKey: key) ?? []
            guard r.isEmpty || (r.count == 2 && r[0] <= r[1]) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: c,
                    debugDescription: "\(key.rawValue) must be [] (absent) or [low, high] with low ≤ high")
            }
            return r
        }
        groundRoughness = try c.decodeIfPresent(Double.self, forKey: .groundRoughness) ?? 0
        guard groundRoughness.isFinite else {
            throw DecodingError.dataCorruptedError(forKey: .groundRoughness, in: c,
                                                   debugDescription: "ground_roughness must be a finite number")
        }
        pitGap = try range(.pitGap)
        stumpWidth = try range(.stumpWidth)
        stumpHeight = try range(.stumpHeight)
        stumpFloat = try range(.stumpFloat)
        stairHeight = try range(.stairHeight)
        stairWidth = try range(.stairWidth)
        stairSteps = try range(.stairSteps)
        for (key, r) in [(CodingKeys.pitGap, pitGap), (.stumpHeight, stumpHeight), (.stairHeight, stairHeight)]
        where !r.allSatisfy(\.isFinite) {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.rawValue) must be finite")
        }
    }
}
