/// Gymnasium's `BipedalWalkerHeuristics` (bipedal_walker.py), a hand-made
/// closed-loop gait: stand on one leg, swing the other forward, put it down,
/// push off, switch legs; PD controllers on hip and knee targets keep the
/// hull level. It walks slowly but steadily on flat ground.
struct WalkerHeuristic {
    static let stayOnOneLeg = 1, putOtherDown = 2, pushOff = 3
    static let speed: Float = 0.29
    static let supportKneeAngle: Float = 0.1
    var state = stayOnOneLeg
    var movingLeg = 0
    var supportingLeg = 1
    var supportingKneeAngle = supportKneeAngle
    var a: [Float] = [0, 0, 0, 0]

    mutating func action(_ s: [Float]) -> [Float] {
        let movingBase = 4 + 5 * movingLeg, supportingBase = 4 + 5 * supportingLeg
        var hipTarget: [Float?] = [nil, nil], kneeTarget: [Float?] = [nil, nil]
        var hipTodo: [Float] = [0, 0], kneeTodo: [Float] = [0, 0]
        if state == Self.stayOnOneLeg {
            hipTarget[movingLeg] = 1.1
            kneeTarget[movingLeg] = -0.6
            supportingKneeAngle += 0.03
            if s[2] > Self.speed { supportingKneeAngle += 0.03 }
            supportingKneeAngle = min(supportingKneeAngle, Self.supportKneeAngle)
            kneeTarget[supportingLeg] = supportingKneeAngle
            if s[supportingBase] < 0.10 { state = Self.putOtherDown }
        }
        if state == Self.putOtherDown {
            hipTarget[movingLeg] = 0.1
            kneeTarget[movingLeg] = Self.supportKneeAngle
            kneeTarget[supportingLeg] = supportingKneeAngle
            if s[movingBase + 4] != 0 {
                state = Self.pushOff
                supportingKneeAngle = min(s[movingBase + 2], Self.supportKneeAngle)
            }
        }
        if state == Self.pushOff {
            kneeTarget[movingLeg] = supportingKneeAngle
            kneeTarget[supportingLeg] = 1.0
            if s[supportingBase + 2] > 0.88 || s[2] > 1.2 * Self.speed {
                state = Self.stayOnOneLeg
                movingLeg = 1 - movingLeg
                supportingLeg = 1 - movingLeg
            }
        }
        // Python's `if hip_targ[0]:` also skips a target of exactly 0.
        if let t = hipTarget[0], t != 0 { hipTodo[0] = 0.9 * (t - s[4]) - 0.25 * s[5] }
        if let t = hipTarget[1], t != 0 { hipTodo[1] = 0.9 * (t - s[9]) - 0.25 * s[10] }
        if let t = kneeTarget[0], t != 0 { kneeTodo[0] = 4.0 * (t - s[6]) - 0.25 * s[7] }
        if let t = kneeTarget[1], t != 0 { kneeTodo[1] = 4.0 * (t - s[11]) - 0.25 * s[12] }
        hipTodo[0] -= 0.9 * (0 - s[0]) - 1.5 * s[1]
        hipTodo[1] -= 0.9 * (0 - s[0]) - 1.5 * s[1]
        kneeTodo[0] -= 15.0 * s[3]
        kneeTodo[1] -= 15.0 * s[3]
        a = [hipTodo[0], kneeTodo[0], hipTodo[1], kneeTodo[1]].map { min(max(0.5 * $0, -1), 1) }
        return a
    }
}
