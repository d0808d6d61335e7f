// Gymnasium's BipedalWalker (envs/box2d/bipedal_walker.py, v3) on Box2D 2.4:
// the same bodies, fixtures, joints, motors, contact rules and lidar, with
// the terrain handed in from Swift (POET's course generator lives there).
#include "CBox2D.h"

#include <box2d/box2d.h>

#include <cmath>
#include <initializer_list>
#include <new>

namespace {

constexpr double SCALE = 30.0;
constexpr double FPS = 50.0;
constexpr float MOTORS_TORQUE = 80.0f;
constexpr float SPEED_HIP = 4.0f;
constexpr float SPEED_KNEE = 6.0f;
constexpr double LIDAR_RANGE = 160.0 / SCALE;
constexpr double VIEWPORT_W = 600.0;
constexpr double VIEWPORT_H = 400.0;
constexpr float LEG_DOWN = float(-8.0 / SCALE);
constexpr float LEG_W = float(8.0 / SCALE);
constexpr float LEG_H = float(34.0 / SCALE);
constexpr float FRICTION = 2.5f;
constexpr uint16 GROUND_BITS = 0x0001;
constexpr uint16 WALKER_BITS = 0x0020;
/// Quadrilaterals with a side shorter than this are skipped: Box2D refuses
/// polygons whose vertices weld together (a stump of height ≈ 0).
constexpr float MIN_SIDE = 0.005f;

/// Gymnasium v3's LidarCallback: ignore non-ground fixtures (return −1),
/// clip the ray at each hit (return the fraction), so the closest hit wins.
struct Lidar final : b2RayCastCallback {
    float fraction = 1.0f;
    float ReportFixture(b2Fixture *fixture, const b2Vec2 &, const b2Vec2 &, float f) override {
        if ((fixture->GetFilterData().categoryBits & GROUND_BITS) == 0) return -1.0f;
        fraction = f;
        return f;
    }
};

struct Contacts;

}  // namespace

struct CBWalker {
    b2World *world = nullptr;
    b2Body *hull = nullptr;
    b2Body *legs[4] = {nullptr, nullptr, nullptr, nullptr};  // thigh −1, shin −1, thigh +1, shin +1
    b2RevoluteJoint *joints[4] = {nullptr, nullptr, nullptr, nullptr};  // hip, knee, hip, knee
    bool shinContact[2] = {false, false};
    bool gameOver = false;
    Contacts *contacts = nullptr;
};

namespace {

/// Gymnasium's ContactDetector: any contact of the hull is game over; a
/// shin's contact flag follows its latest begin/end event.
struct Contacts final : b2ContactListener {
    CBWalker *walker;
    explicit Contacts(CBWalker *w) : walker(w) {}

    void update(b2Contact *contact, bool touching) {
        b2Body *a = contact->GetFixtureA()->GetBody();
        b2Body *b = contact->GetFixtureB()->GetBody();
        if (walker->hull == nullptr) return;
        if (touching && (a == walker->hull || b == walker->hull)) walker->gameOver = true;
        for (int i = 0; i < 2; i++) {
            b2Body *shin = walker->legs[2 * i + 1];
            if (a == shin || b == shin) walker->shinContact[i] = touching;
        }
    }
    void BeginContact(b2Contact *contact) override { update(contact, true); }
    void EndContact(b2Contact *contact) override { update(contact, false); }
};

void destroyWalkerBodies(CBWalker *w) {
    b2Body *hull = w->hull;
    w->hull = nullptr;  // the listener ignores the EndContact events of destruction
    if (hull != nullptr) w->world->DestroyBody(hull);
    for (b2Body *&leg : w->legs) {
        if (leg != nullptr) w->world->DestroyBody(leg);
        leg = nullptr;
    }
    for (b2RevoluteJoint *&j : w->joints) j = nullptr;  // destroyed with their bodies
    w->shinContact[0] = w->shinContact[1] = false;
    w->gameOver = false;
}

bool validQuad(const float *q) {
    for (int i = 0; i < 4; i++) {
        int j = (i + 1) % 4;
        float dx = q[2 * j] - q[2 * i], dy = q[2 * j + 1] - q[2 * i + 1];
        if (!std::isfinite(q[2 * i]) || !std::isfinite(q[2 * i + 1])) return false;
        if (std::sqrt(dx * dx + dy * dy) < MIN_SIDE) return false;
    }
    return true;
}

void buildTerrain(b2World *world, const float *xs, const float *ys, int n, const float *polygons, int m) {
    b2BodyDef def;  // static, at the origin
    for (int k = 0; k < m; k++) {
        const float *q = polygons + 8 * k;
        if (!validQuad(q)) continue;
        b2Vec2 v[4];
        for (int i = 0; i < 4; i++) v[i].Set(q[2 * i], q[2 * i + 1]);
        b2PolygonShape shape;
        shape.Set(v, 4);
        b2FixtureDef fd;
        fd.shape = &shape;
        fd.friction = FRICTION;
        world->CreateBody(&def)->CreateFixture(&fd);
    }
    for (int i = 0; i + 1 < n; i++) {
        b2EdgeShape shape;
        shape.SetTwoSided(b2Vec2(xs[i], ys[i]), b2Vec2(xs[i + 1], ys[i + 1]));
        b2FixtureDef fd;
        fd.shape = &shape;
        fd.friction = FRICTION;
        fd.filter.categoryBits = GROUND_BITS;
        world->CreateBody(&def)->CreateFixture(&fd);
    }
}

b2Body *dynamicBody(b2World *world, float x, float y, float angle, const b2FixtureDef &fd) {
    b2BodyDef def;
    def.type = b2_dynamicBody;
    def.position.Set(x, y);
    def.angle = angle;
    b2Body *body = world->CreateBody(&def);
    body->CreateFixture(&fd);
    return body;
}

b2RevoluteJoint *revolute(b2World *world, b2Body *a, b2Body *b, b2Vec2 anchorA, b2Vec2 anchorB,
                          float speed, float lower, float upper) {
    b2RevoluteJointDef def;
    def.bodyA = a;
    def.bodyB = b;
    def.localAnchorA = anchorA;
    def.localAnchorB = anchorB;
    // pybox2d's revoluteJointDef(bodyA=…, bodyB=…) sets the reference angle
    // to the bodies' relative angle (±0.05 for the thighs); Gymnasium's hip
    // angles are measured from it.
    def.referenceAngle = b->GetAngle() - a->GetAngle();
    def.enableMotor = true;
    def.enableLimit = true;
    def.maxMotorTorque = MOTORS_TORQUE;
    def.motorSpeed = speed;
    def.lowerAngle = lower;
    def.upperAngle = upper;
    return static_cast<b2RevoluteJoint *>(world->CreateJoint(&def));
}

float sign(float a) { return a > 0 ? 1.0f : (a < 0 ? -1.0f : 0.0f); }

}  // namespace

extern "C" CBWalker *cb_walker_create(const float *xs, const float *ys, int pointCount,
                                      const float *polygons, int polygonCount) {
    CBWalker *w = new (std::nothrow) CBWalker();
    if (w == nullptr) return nullptr;
    try {
        w->world = new b2World(b2Vec2(0.0f, -10.0f));
        w->contacts = new Contacts(w);
        w->world->SetContactListener(w->contacts);
        buildTerrain(w->world, xs, ys, pointCount, polygons, polygonCount);
    } catch (...) {
        cb_walker_destroy(w);
        return nullptr;
    }
    return w;
}

extern "C" void cb_walker_destroy(CBWalker *w) {
    if (w == nullptr) return;
    if (w->world != nullptr) w->world->SetContactListener(nullptr);
    delete w->world;
    delete w->contacts;
    delete w;
}

extern "C" void cb_walker_reset(CBWalker *w, float initX, float initY, float initialForceX) {
    destroyWalkerBodies(w);
    static const double HULL_POLY[5][2] = {{-30, +9}, {+6, +9}, {+34, +1}, {+34, -8}, {-30, -8}};
    b2Vec2 hullVertices[5];
    for (int i = 0; i < 5; i++) hullVertices[i].Set(float(HULL_POLY[i][0] / SCALE), float(HULL_POLY[i][1] / SCALE));
    b2PolygonShape hullShape;
    hullShape.Set(hullVertices, 5);
    b2FixtureDef hullFD;
    hullFD.shape = &hullShape;
    hullFD.density = 5.0f;
    hullFD.friction = 0.1f;
    hullFD.filter.categoryBits = WALKER_BITS;
    hullFD.filter.maskBits = GROUND_BITS;  // collide only with the ground
    hullFD.restitution = 0.0f;

    b2PolygonShape legShape, lowerShape;
    legShape.SetAsBox(LEG_W / 2, LEG_H / 2);
    lowerShape.SetAsBox(0.8f * LEG_W / 2, LEG_H / 2);
    b2FixtureDef legFD, lowerFD;
    legFD.shape = &legShape;
    lowerFD.shape = &lowerShape;
    for (b2FixtureDef *fd : {&legFD, &lowerFD}) {
        fd->density = 1.0f;
        fd->restitution = 0.0f;
        fd->filter.categoryBits = WALKER_BITS;
        fd->filter.maskBits = GROUND_BITS;
    }

    w->hull = dynamicBody(w->world, initX, initY, 0.0f, hullFD);
    w->hull->ApplyForceToCenter(b2Vec2(initialForceX, 0.0f), true);
    for (int k = 0; k < 2; k++) {
        float i = k == 0 ? -1.0f : 1.0f;
        b2Body *leg = dynamicBody(w->world, initX, initY - LEG_H / 2 - LEG_DOWN, i * 0.05f, legFD);
        w->legs[2 * k] = leg;
        w->joints[2 * k] = revolute(w->world, w->hull, leg, b2Vec2(0, LEG_DOWN), b2Vec2(0, LEG_H / 2), i, -0.8f, 1.1f);
        b2Body *lower = dynamicBody(w->world, initX, initY - LEG_H * 3 / 2 - LEG_DOWN, i * 0.05f, lowerFD);
        w->legs[2 * k + 1] = lower;
        w->joints[2 * k + 1] = revolute(w->world, leg, lower, b2Vec2(0, -LEG_H / 2), b2Vec2(0, LEG_H / 2), 1.0f,
                                        -1.6f, -0.1f);
    }
}

extern "C" void cb_walker_observe(CBWalker *w, float *obs) {
    const b2Vec2 pos = w->hull->GetPosition();
    const b2Vec2 vel = w->hull->GetLinearVelocity();
    obs[0] = w->hull->GetAngle();
    obs[1] = float(2.0 * double(w->hull->GetAngularVelocity()) / FPS);
    obs[2] = float(0.3 * double(vel.x) * (VIEWPORT_W / SCALE) / FPS);
    obs[3] = float(0.3 * double(vel.y) * (VIEWPORT_H / SCALE) / FPS);
    for (int k = 0; k < 2; k++) {
        b2RevoluteJoint *hip = w->joints[2 * k], *knee = w->joints[2 * k + 1];
        float *o = obs + 4 + 5 * k;
        o[0] = hip->GetJointAngle();
        o[1] = hip->GetJointSpeed() / SPEED_HIP;
        o[2] = float(double(knee->GetJointAngle()) + 1.0);
        o[3] = knee->GetJointSpeed() / SPEED_KNEE;
        o[4] = w->shinContact[k] ? 1.0f : 0.0f;
    }
    for (int i = 0; i < 10; i++) {
        Lidar lidar;
        const double a = 1.5 * i / 10.0;
        const b2Vec2 p2(float(pos.x + std::sin(a) * LIDAR_RANGE), float(pos.y - std::cos(a) * LIDAR_RANGE));
        w->world->RayCast(&lidar, pos, p2);
        obs[14 + i] = lidar.fraction;
    }
}

extern "C" void cb_walker_step(CBWalker *w, const float *action, float *obs, CBWalkerStatus *status) {
    for (int j = 0; j < 4; j++) {
        const float a = std::isnan(action[j]) ? 0.0f : action[j];
        const float speed = (j % 2 == 0) ? SPEED_HIP : SPEED_KNEE;
        w->joints[j]->SetMotorSpeed(speed * sign(a));
        w->joints[j]->SetMaxMotorTorque(MOTORS_TORQUE * std::fmin(std::fabs(a), 1.0f));
    }
    w->world->Step(float(1.0 / FPS), 6 * 30, 2 * 30);
    cb_walker_observe(w, obs);
    const b2Vec2 pos = w->hull->GetPosition();
    status->hullX = pos.x;
    status->hullY = pos.y;
    status->hullAngle = w->hull->GetAngle();
    status->gameOver = w->gameOver ? 1 : 0;
}

extern "C" void cb_walker_get_state(const CBWalker *w, CBWalkerState *s) {
    const b2Body *bodies[CB_WALKER_BODY_COUNT] = {w->hull, w->legs[0], w->legs[1], w->legs[2], w->legs[3]};
    for (int i = 0; i < CB_WALKER_BODY_COUNT; i++) {
        const b2Body *b = bodies[i];
        CBBodyState &o = s->bodies[i];
        o.x = b->GetPosition().x;
        o.y = b->GetPosition().y;
        o.angle = b->GetAngle();
        o.vx = b->GetLinearVelocity().x;
        o.vy = b->GetLinearVelocity().y;
        o.omega = b->GetAngularVelocity();
    }
    s->shinContact[0] = w->shinContact[0];
    s->shinContact[1] = w->shinContact[1];
    s->gameOver = w->gameOver;
}

extern "C" void cb_walker_set_state(CBWalker *w, const CBWalkerState *s) {
    b2Body *bodies[CB_WALKER_BODY_COUNT] = {w->hull, w->legs[0], w->legs[1], w->legs[2], w->legs[3]};
    for (int i = 0; i < CB_WALKER_BODY_COUNT; i++) {
        const CBBodyState &o = s->bodies[i];
        bodies[i]->SetTransform(b2Vec2(o.x, o.y), o.angle);
        bodies[i]->SetLinearVelocity(b2Vec2(o.vx, o.vy));
        bodies[i]->SetAngularVelocity(o.omega);
        bodies[i]->SetAwake(true);
    }
    w->shinContact[0] = s->shinContact[0] != 0;
    w->shinContact[1] = s->shinContact[1] != 0;
    w->gameOver = s->gameOver != 0;
}
