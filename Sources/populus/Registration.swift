import Environments
import Walker

/// Environments that live in modules `Environments` cannot import (Walker's
/// Box2D walker) join the process-wide registries here, before any command
/// runs, so configs, `env list`, `env rollout` and `evolve` find them by name.
enum Registration {
    static func registerModules() {
        WalkerTerrainFamily.register()
    }
}

extension Populus {
    /// Registers the module environments, then parses and runs as usual.
    static func main() {
        Registration.registerModules()
        main(nil)
    }
}
