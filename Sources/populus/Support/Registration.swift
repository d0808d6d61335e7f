import PopulusKit

/// Environments that live in modules `Environments` cannot import (Walker's
/// Box2D walker) join the process-wide registry here, before any command
/// runs, so configs, `env list`, `env rollout` and `evolve` find them by name.
enum Registration {
    static func registerModules() {
        WalkerTerrainFamily.register()
    }
}

extension RunKinds {
    /// Every run kind `evolve`, `resume`, `inspect` and `report` know: one line each.
    static let populus = RunKinds([
        ESRun.runKind,
        EPGRun.runKind,
        LPORun.runKind,
        PBTRun.runKind,
        POETRun.runKind,
    ])
}
