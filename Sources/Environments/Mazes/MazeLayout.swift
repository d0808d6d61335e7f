import Random

/// A cell of a maze, in cell coordinates (row 0 at the top).
public struct MazeCell: Codable, Sendable, Hashable, CustomStringConvertible {
    public var row: Int, column: Int
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
    public var description: String { "(\(row), \(column))" }
}

/// A perfect maze (exactly one path between any two cells) on a grid of
/// `cellsWide × cellsHigh` cells, carved by randomised depth-first search
/// from `seed`. It is stored as a `(2·cellsHigh + 1) × (2·cellsWide + 1)`
/// occupancy grid where cell (r, c) sits at grid square (2r + 1, 2c + 1) and
/// the squares between cells are walls or passages.
public struct MazeLayout: Sendable, Equatable, CustomStringConvertible {
    public let cellsWide: Int, cellsHigh: Int
    public let rows: Int, columns: Int
    /// Row-major, `true` = wall.
    public let walls: [Bool]

    public init(cellsWide: Int, cellsHigh: Int, seed: UInt64) {
        precondition(cellsWide > 0 && cellsHigh > 0, "a maze needs at least one cell")
        self.cellsWide = cellsWide
        self.cellsHigh = cellsHigh
        rows = 2 * cellsHigh + 1
        columns = 2 * cellsWide + 1
        var grid = [Bool](repeating: true, count: rows * columns)
        let stream = RandomStream(seed: seed, path: ["maze-layout"])
        var visited = [Bool](repeating: false, count: cellsWide * cellsHigh)
        var stack = [MazeCell(row: stream.integer(below: cellsHigh), column: stream.integer(below: cellsWide))]
        let cols = columns
        func open(_ r: Int, _ c: Int) { grid[r * cols + c] = false }
        visited[stack[0].row * cellsWide + stack[0].column] = true
        open(2 * stack[0].row + 1, 2 * stack[0].column + 1)
        let moves = [(-1, 0), (0, 1), (1, 0), (0, -1)]
        var options: [MazeCell] = []
        while let here = stack.last {
            options.removeAll(keepingCapacity: true)
            for (dr, dc) in moves {
                let r = here.row + dr, c = here.column + dc
                if r >= 0, r < cellsHigh, c >= 0, c < cellsWide, !visited[r * cellsWide + c] {
                    options.append(MazeCell(row: r, column: c))
                }
            }
            guard !options.isEmpty else {
                stack.removeLast()
                continue
            }
            let next = options[stream.integer(below: options.count)]
            visited[next.row * cellsWide + next.column] = true
            open(here.row + next.row + 1, here.column + next.column + 1)  // the wall between them
            open(2 * next.row + 1, 2 * next.column + 1)
            stack.append(next)
        }
        walls = grid
    }

    /// Whether grid square (r, c) is a wall; everything outside the grid is.
    @inlinable public func isWall(_ r: Int, _ c: Int) -> Bool {
        r < 0 || c < 0 || r >= rows || c >= columns || walls[r * columns + c]
    }

    /// The grid square of a cell.
    public static func square(_ cell: MazeCell) -> (row: Int, column: Int) {
        (2 * cell.row + 1, 2 * cell.column + 1)
    }

    /// `#` walls, `.` passages.
    public var description: String {
        (0..<rows).map { r in String((0..<columns).map { isWall(r, $0) ? "#" : "." }) }
            .joined(separator: "\n")
    }
}
