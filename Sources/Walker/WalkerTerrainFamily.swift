import Environments
import Random

/// `walker-terrain`: POET's parametric bipedal-walker courses (Wang et al.
/// 2019, *Paired Open-Ended Trailblazer*, §4).
///
/// Mutation, as POET's `Reproducer.mutate` (uber-research/poet,
/// `reproduce_ops.py`), applied to every enabled kind each time:
/// - roughness: r ← round(r + U(−0.6, 0.6), 1), clipped to [0, 10];
/// - pits: a disabled range starts at [0, 0.8]; an enabled one moves its ends
///   by −0.4, 0 or +0.4 (`RangeMutation`), low ∈ [0, 8], high ∈ [0.8, 8];
/// - stumps: start at width [1, 2], height [0, 0.4], float [0, 1]; then the
///   height range moves by ±0.2, low ∈ [0, 5], high ∈ [0.4, 5];
/// - stairs (optional, off in POET's runs): start at steps [1, 2], height
///   [0, 0.4], width [4, 5]; then the height range moves by ±0.2 within [0, 5].
/// A child that happens to equal its parent (only possible with roughness
/// alone) is drawn again, so every child differs in at least one parameter.
///
/// Novelty distance: Euclidean over (roughness, pit low, pit high, stump
/// height low, stump height high, stair height low, stair height high), each
/// divided by (8, 8, 8, 3, 3, 3, 3) — POET's `env2array` and its normalisation
/// (`euclidean_distance(normalize=True)`), the stair terms added (0 when off).
/// Solved at 230; minimal criterion [50, 300].
public struct WalkerTerrainFamily: ParametricFamily {
    public enum Kind: String, Sendable, Codable, CaseIterable { case roughness, pit, stump, stair }

    /// The kinds mutation changes (POET's `--envs`; default `stump pit roughness`).
    public var kinds: [Kind]

    public static let pitMutation = RangeMutation(initial: (0, 0.8), increment: 0.4, maximum: (8, 8))
    public static let stumpMutation = RangeMutation(initial: (0, 0.4), increment: 0.2, maximum: (5, 5))
    public static let stairMutation = RangeMutation(initial: (0, 0.4), increment: 0.2, maximum: (5, 5))
    public static let maxRoughness = 10.0

    public init(kinds: [Kind] = [.roughness, .pit, .stump]) {
        precondition(!kinds.isEmpty, "walker-terrain needs at least one kind to mutate")
        self.kinds = kinds
    }

    public var name: String { "walker-terrain" }
    public var summary: String {
        "Gymnasium's BipedalWalker (Box2D) on POET's course: roughness, pits, stumps (24 obs, 4 torques); 2000 steps"
    }
    public var initialEncoding: WalkerTerrainEncoding { .flat }
    public var solvedThreshold: Double { 230 }
    public var minimalCriterion: ClosedRange<Double> { 50...300 }
    public var observationSpace: Space { BipedalWalker.observationSpace }
    public var actionSpace: Space { BipedalWalker.actionSpace }

    public var bounds: [ParameterBound] {
        [
            ParameterBound("ground_roughness", lower: 0, upper: Self.maxRoughness, scale: 8),
            ParameterBound("pit_gap.low", lower: 0, upper: 8, scale: 8),
            ParameterBound("pit_gap.high", lower: 0, upper: 8, scale: 8),
            ParameterBound("stump_height.low", lower: 0, upper: 5, scale: 3),
            ParameterBound("stump_height.high", lower: 0, upper: 5, scale: 3),
            ParameterBound("stair_height.low", lower: 0, upper: 5, scale: 3),
            ParameterBound("stair_height.high", lower: 0, upper: 5, scale: 3),
        ]
    }

    public func vector(_ e: WalkerTerrainEncoding) -> [Double] {
        func pair(_ r: [Double]) -> [Double] { r.count == 2 ? r : [0, 0] }
        return [e.groundRoughness] + pair(e.pitGap) + pair(e.stumpHeight) + pair(e.stairHeight)
    }

    public func mutate(_ parent: WalkerTerrainEncoding, stream: RandomStream) -> WalkerTerrainEncoding {
        for _ in 0..<1000 {
            let child = mutateOnce(parent, stream: stream)
            if child != parent { return child }
        }
        // Roughness alone, stuck at a bound 1000 times (probability < 1e-250).
        var child = parent
        child.groundRoughness = parent.groundRoughness >= 0.1 ? roundToTenth(parent.groundRoughness - 0.1) : 0.1
        return child
    }

    func mutateOnce(_ parent: WalkerTerrainEncoding, stream: RandomStream) -> WalkerTerrainEncoding {
        var c = parent
        if kinds.contains(.roughness) {
            c.groundRoughness = min(max(roundToTenth(parent.groundRoughness + stream.uniform(-0.6, 0.6)), 0),
                                    Self.maxRoughness)
        }
        if kinds.contains(.pit) { c.pitGap = Self.pitMutation.mutate(parent.pitGap, stream: stream) }
        if kinds.contains(.stump) {
            if parent.stumpWidth.isEmpty {
                c.stumpWidth = [1, 2]
                c.stumpHeight = [Self.stumpMutation.initial.low, Self.stumpMutation.initial.high]
            } else {
                c.stumpHeight = Self.stumpMutation.mutate(parent.stumpHeight, stream: stream)
            }
            c.stumpFloat = [0, 1]
        }
        if kinds.contains(.stair) {
            if parent.stairSteps.isEmpty {
                c.stairSteps = [1, 2]
                c.stairHeight = [Self.stairMutation.initial.low, Self.stairMutation.initial.high]
            } else {
                c.stairHeight = Self.stairMutation.mutate(parent.stairHeight, stream: stream)
            }
            c.stairWidth = [4, 5]
        }
        return c
    }

    public func makeEnvironment(_ e: WalkerTerrainEncoding, terrainSeed: UInt64) -> BipedalWalker {
        BipedalWalker(course: WalkerCourse(parameters: e, seed: terrainSeed))
    }

    /// Adds `walker-terrain` to `EnvironmentRegistry.standard`, as a
    /// parametric family and as a task family (idempotent). The `populus`
    /// executable calls this at start-up; library users and tests call it
    /// before resolving the name.
    public static func register() {
        EnvironmentRegistry.registerStandard(AnyParametricFamily(WalkerTerrainFamily()))
    }
}
