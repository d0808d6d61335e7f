import Random

/// `maze`: random grid mazes (the "100 mazes" setting).
///
/// * `train` — one of a fixed pool of `poolSize` (100) mazes of 5×5 cells,
///   each with its own start and goal, generated from `poolSeed`: the same
///   hundred mazes for every run, as a benchmark set.
/// * `test` — fresh 5×5 mazes from the test stream (layout seeds drawn
///   anew, so outside the pool but from the same generator).
/// * `ood` — larger mazes (8×8 cells, 256-step limit).
public struct MazeFamily: TaskDistribution {
    public var trainSize = 5
    public var oodSize = 8
    public var poolSize = 100
    public var poolSeed: UInt64 = 0
    public var viewRadius = 1

    public init() {}

    public var name: String { "maze" }
    public var summary: String {
        "grid maze seen through a \(2 * viewRadius + 1)×\(2 * viewRadius + 1) window; train: \(poolSize) fixed "
            + "\(trainSize)×\(trainSize) mazes, test: fresh ones, ood: \(oodSize)×\(oodSize)"
    }
    public var splits: [TaskSplit] { [.train, .test, .ood] }
    public var observationSpace: Space {
        let w = 2 * viewRadius + 1
        return .box(dimension: 2 * w * w, low: 0, high: 1)
    }
    public var actionSpace: Space { .discrete(4) }

    /// The k-th maze of the training pool.
    public func poolTask(_ k: Int) -> MazeTask {
        draw(size: trainSize, stream: RandomStream(seed: poolSeed, path: ["maze-pool", .init(k)]))
    }

    public func sample(_ split: TaskSplit, stream: RandomStream) -> MazeTask {
        switch split {
        case .train: return poolTask(stream.integer(below: poolSize))
        case .test: return draw(size: trainSize, stream: stream)
        case .ood: return draw(size: oodSize, stream: stream)
        }
    }

    /// A layout seed, then a start and a different goal cell.
    func draw(size: Int, stream: RandomStream) -> MazeTask {
        let seed = stream.next64()
        let cells = size * size
        let s = stream.integer(below: cells)
        var g = stream.integer(below: cells - 1)
        if g >= s { g += 1 }
        return MazeTask(cellsWide: size, cellsHigh: size, layoutSeed: seed,
                        start: MazeCell(row: s / size, column: s % size),
                        goal: MazeCell(row: g / size, column: g % size))
    }

    public func makeEnvironment(_ task: MazeTask) -> Maze { Maze(task: task, viewRadius: viewRadius) }
}
