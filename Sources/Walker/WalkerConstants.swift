/// Gymnasium's BipedalWalker constants (envs/box2d/bipedal_walker.py), the
/// ones POET's `bipedal_walker_custom.py` shares. Lengths are metres: the
/// source's pixel units divided by `scale`.
public enum WalkerConstants {
    public static let fps = 50.0
    /// Pixels per metre; "affects how fast-paced the game is".
    public static let scale = 30.0
    public static let motorsTorque = 80.0
    public static let viewportWidth = 600.0
    public static let viewportHeight = 400.0
    /// Thigh/shin length (34 px).
    public static let legHeight = 34.0 / scale
    /// Horizontal step of the terrain grid (14 px).
    public static let terrainStep = 14.0 / scale
    /// Grid points of the course.
    public static let terrainLength = 200
    /// Mean ground height (a quarter of the viewport).
    public static let terrainHeight = viewportHeight / scale / 4
    /// Grass stretches last U{terrainGrass/2, …, terrainGrass − 1} steps.
    public static let terrainGrass = 10
    /// Steps of flat ground at the start.
    public static let terrainStartPad = 20
    /// Largest horizontal push on the hull at reset (newtons).
    public static let initialRandom = 5.0
    /// Gymnasium's TimeLimit for the hardcore walker (and POET's episodes).
    public static let maxEpisodeSteps = 2000

    /// Where the hull starts: (terrainStep · terrainStartPad / 2, terrainHeight + 2 · legHeight).
    public static let initialX = terrainStep * Double(terrainStartPad) / 2
    public static let initialY = terrainHeight + 2 * legHeight
    /// Passing this x ends the episode (the far end minus one grass stretch).
    public static let finishX = Double(terrainLength - terrainGrass) * terrainStep
}
