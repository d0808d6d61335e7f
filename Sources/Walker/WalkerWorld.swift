import CBox2D

/// One Box2D world holding a course and (after `reset`) the walker: the
/// reference type behind `BipedalWalker`'s copy-on-write value semantics.
/// Only the environment that uniquely owns it mutates it.
final class WalkerWorld: @unchecked Sendable {
    let handle: OpaquePointer
    private(set) var hasWalker = false

    init(course: WalkerCourse) {
        let xs = course.xs.map { Float($0) }, ys = course.ys.map { Float($0) }
        var quads: [Float] = []
        quads.reserveCapacity(8 * course.polygons.count)
        for polygon in course.polygons {
            precondition(polygon.vertices.count == 4, "the walker's terrain polygons are quadrilaterals")
            for v in polygon.vertices { quads += [Float(v.x), Float(v.y)] }
        }
        let made = xs.withUnsafeBufferPointer { x in
            ys.withUnsafeBufferPointer { y in
                quads.withUnsafeBufferPointer { q in
                    cb_walker_create(x.baseAddress, y.baseAddress, Int32(x.count),
                                     q.baseAddress, Int32(course.polygons.count))
                }
            }
        }
        guard let made else { fatalError("Box2D could not allocate a world (out of memory)") }
        handle = made
    }

    deinit { cb_walker_destroy(handle) }

    func reset(initialForceX: Float) {
        cb_walker_reset(handle, Float(WalkerConstants.initialX), Float(WalkerConstants.initialY), initialForceX)
        hasWalker = true
    }

    var state: CBWalkerState {
        var s = CBWalkerState()
        cb_walker_get_state(handle, &s)
        return s
    }

    /// A world on the same course whose walker continues from this one's body states.
    func copy(course: WalkerCourse) -> WalkerWorld {
        let other = WalkerWorld(course: course)
        if hasWalker {
            other.reset(initialForceX: 0)
            var s = state
            cb_walker_set_state(other.handle, &s)
        }
        return other
    }
}
