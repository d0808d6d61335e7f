import Random

/// One maze task: a layout (regenerated from its seed), a start and a goal.
public struct MazeTask: TaskValue, Hashable {
    public var cellsWide: Int, cellsHigh: Int
    public var layoutSeed: UInt64
    public var start: MazeCell, goal: MazeCell
    public init(cellsWide: Int, cellsHigh: Int, layoutSeed: UInt64, start: MazeCell, goal: MazeCell) {
        self.cellsWide = cellsWide
        self.cellsHigh = cellsHigh
        self.layoutSeed = layoutSeed
        self.start = start
        self.goal = goal
    }
    public var description: String {
        "Maze(\(cellsWide)×\(cellsHigh) cells, layout \(layoutSeed), start \(start), goal \(goal))"
    }
}

/// A grid maze seen through a local window: the partially observable
/// navigation task of RL²-style maze experiments.
///
/// The agent occupies one grid square and moves up, right, down or left
/// (actions 0–3); walking into a wall leaves it in place. Observation: the
/// (2r+1)² squares around it (r = `viewRadius`), first a wall mask (1 = wall
/// or outside), then a goal mask (1 = the goal) — 18 floats for r = 1. The
/// goal's position is not observed until it is in view. Reward −0.01 per
/// step, +1 on reaching the goal (terminates); truncated after 4 steps per
/// cell (100 for 5×5). Every episode starts at the task's start square.
public struct Maze: Environment {
    public let task: MazeTask
    public let layout: MazeLayout
    public let viewRadius: Int
    public let maxEpisodeSteps: Int
    public private(set) var elapsedSteps = 0
    /// The agent's grid square.
    public private(set) var row: Int, column: Int
    let goalRow: Int, goalColumn: Int

    public static let stepReward = -0.01, goalReward = 1.0

    /// (Δrow, Δcolumn) of action `a`: up, right, down, left.
    @inline(__always) static func move(_ a: Int) -> (Int, Int) {
        switch a {
        case 0: return (-1, 0)
        case 1: return (0, 1)
        case 2: return (1, 0)
        default: return (0, -1)
        }
    }

    public init(task: MazeTask, viewRadius: Int = 1) {
        self.task = task
        self.viewRadius = viewRadius
        layout = MazeLayout(cellsWide: task.cellsWide, cellsHigh: task.cellsHigh, seed: task.layoutSeed)
        maxEpisodeSteps = 4 * task.cellsWide * task.cellsHigh
        observationSpace = .box(dimension: 2 * (2 * viewRadius + 1) * (2 * viewRadius + 1), low: 0, high: 1)
        (row, column) = MazeLayout.square(task.start)
        (goalRow, goalColumn) = MazeLayout.square(task.goal)
    }

    var window: Int { 2 * viewRadius + 1 }
    public let observationSpace: Space
    public var actionSpace: Space { .discrete(4) }
    public var stateNames: [String] { ["row", "column"] }
    public var physicalState: [Double] { [Double(row), Double(column)] }

    /// Places the agent on grid square (row, column), which must be a passage.
    public mutating func setPhysicalState(_ s: [Double]) throws {
        try validatePhysicalState(s)
        guard s.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e6 }),
              !layout.isWall(Int(s[0]), Int(s[1])) else {
            throw EnvironmentError.inaccessibleState(
                "maze square (\(s[0]), \(s[1])) is not a passage; rows 0..<\(layout.rows), "
                + "columns 0..<\(layout.columns), cells at odd (row, column)")
        }
        (row, column) = (Int(s[0]), Int(s[1]))
    }

    public mutating func reset(stream: RandomStream, into observation: UnsafeMutableBufferPointer<Float>) {
        (row, column) = MazeLayout.square(task.start)
        elapsedSteps = 0
        observe(into: observation)
    }

    public func observe(into o: UnsafeMutableBufferPointer<Float>) {
        let r = viewRadius, w = window
        for dr in -r...r {
            for dc in -r...r {
                let k = (dr + r) * w + (dc + r)
                let (gr, gc) = (row + dr, column + dc)
                o[k] = layout.isWall(gr, gc) ? 1 : 0
                o[w * w + k] = gr == goalRow && gc == goalColumn ? 1 : 0
            }
        }
    }

    public mutating func step(_ action: Action, into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome {
        let a = action.index
        precondition(a >= 0 && a < 4, "the maze takes actions 0 (up), 1 (right), 2 (down), 3 (left); got \(a)")
        let (dr, dc) = Self.move(a)
        if !layout.isWall(row + dr, column + dc) {
            row += dr
            column += dc
        }
        elapsedSteps += 1
        let atGoal = row == goalRow && column == goalColumn
        observe(into: observation)
        return StepOutcome(reward: atGoal ? Self.goalReward : Self.stepReward, terminated: atGoal,
                           truncated: elapsedSteps >= maxEpisodeSteps)
    }
}
