// A thin C interface to Box2D 2.4 (Debian's libbox2d) for Gymnasium's
// BipedalWalker on a POET course. The world, its terrain and the walker's
// five bodies live behind an opaque handle; Swift builds the terrain
// geometry, computes rewards and owns the episode logic. Stepping allocates
// nothing outside Box2D's own per-world pools.
#ifndef CBOX2D_H
#define CBOX2D_H

#ifdef __cplusplus
extern "C" {
#endif

enum {
    /// hull angle, 2 hull velocities and angular velocity, 2 × (hip angle,
    /// hip speed, knee angle, knee speed, contact), 10 lidar fractions.
    CB_WALKER_OBSERVATION_SIZE = 24,
    CB_WALKER_ACTION_SIZE = 4,
    /// hull, left thigh, left shin, right thigh, right shin.
    CB_WALKER_BODY_COUNT = 5,
};

typedef struct CBWalker CBWalker;

/// Position, angle and velocities of one body (Box2D's world frame, metres).
typedef struct {
    float x, y, angle, vx, vy, omega;
} CBBodyState;

/// What Swift needs after a step besides the observation.
typedef struct {
    float hullX, hullY, hullAngle;
    /// The hull touched the ground since the walker was created (Gymnasium's game_over).
    int gameOver;
} CBWalkerStatus;

/// Everything that distinguishes one moment of an episode from another.
typedef struct {
    CBBodyState bodies[CB_WALKER_BODY_COUNT];
    int shinContact[2];
    int gameOver;
} CBWalkerState;

/// A world with gravity (0, −10) holding the terrain: `pointCount` ground
/// vertices (xs, ys) joined by two-sided edges, and `polygonCount` convex
/// quadrilaterals (8 floats each: x0, y0, …, x3, y3; pit walls, stumps,
/// stairs). Degenerate quadrilaterals (a side under 5 mm) are skipped.
/// No walker yet: call `cb_walker_reset`. Returns NULL when out of memory.
CBWalker *cb_walker_create(const float *xs, const float *ys, int pointCount,
                           const float *polygons, int polygonCount);
void cb_walker_destroy(CBWalker *walker);

/// Removes any walker and creates hull and legs at the start pose with
/// Gymnasium's fixtures and joints, pushing the hull by `initialForceX`
/// (applied on the next step). Clears contacts and game over.
void cb_walker_reset(CBWalker *walker, float startX, float startY, float initialForceX);

/// Sets each joint's motor from its action component (speed = max speed ·
/// sign(a), torque limit = 80·clip(|a|, 0, 1)), steps the world by 1/50 s
/// (180 velocity, 60 position iterations), casts the 10 lidar rays and
/// writes the observation.
void cb_walker_step(CBWalker *walker, const float *action, float *observation, CBWalkerStatus *status);

/// Writes the observation of the current state (no stepping; lidar recast).
void cb_walker_observe(CBWalker *walker, float *observation);

void cb_walker_get_state(const CBWalker *walker, CBWalkerState *state);
/// Moves the walker's bodies to `state` (after `cb_walker_reset`). Box2D's
/// contact caches restart, so what follows is close to, not bitwise equal
/// to, the original continuation.
void cb_walker_set_state(CBWalker *walker, const CBWalkerState *state);

#ifdef __cplusplus
}
#endif

#endif
