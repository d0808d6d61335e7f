extension PointCourse: SketchableEnvironment {
    /// Ground at y = 0 broken by pits, walls as blocks, at 30 px a metre.
    public var sketch: CourseSketch {
        var s = CourseSketch()
        var x = 0.0
        for o in layout.obstacles {
            switch o {
            case .pit(let start, let width):
                s.ground.append([(x, 0), (start, 0)])
                s.solids.append(.init(kind: "pit", points: [(start - 0.05, 0), (start, 0), (start, -1), (start - 0.05, -1)]))
                x = start + width
            case .wall(let start, let height):
                let end = start + PointCourseLayout.wallThickness
                s.solids.append(.init(kind: "wall", points: [(start, 0), (end, 0), (end, height), (start, height)]))
            }
        }
        s.ground.append([(x, 0), (PointCourseLayout.length, 0)])
        s.scale = 30
        return s
    }

    /// The point mass.
    public var agentPosition: CourseSketch.Point { (x, y) }

    /// A point: no body to draw.
    public var agentFigure: [(from: CourseSketch.Point, to: CourseSketch.Point)] { [] }
}
