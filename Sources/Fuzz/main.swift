import Foundation
import PopulusKit

/// `populus-fuzz`: the parsers' fuzz targets (docs/reliability.md).
///
///     populus-fuzz list                          the targets and what an input is
///     populus-fuzz replay TARGET|all PATH…       every file through the target(s) (make test)
///     populus-fuzz seed DIR                      writes the seed corpus with the real writers
///     populus-fuzz TARGET [libFuzzer flags] CORPUS…   fuzzes (a -sanitize=fuzzer -DFUZZING build: make fuzz)
///
/// `replay all DIR` runs `DIR/<target>/` through each target. Exit status:
/// 0 when every input was handled (parsed or refused with an error), 2 for
/// a usage error; a crashing input kills the process after naming itself.
WalkerTerrainFamily.register()
let arguments = Array(CommandLine.arguments.dropFirst())

func usage() -> Never {
    let text = """
        usage: populus-fuzz list | replay TARGET|all PATH… | seed DIR | TARGET [libFuzzer flags] [CORPUS…]
        targets: \(FuzzTargets.names)

        """
    FileHandle.standardError.write(Data(text.utf8))
    exit(2)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("populus-fuzz: \(message)\n".utf8))
    exit(2)
}

switch arguments.first {
case "list":
    for t in FuzzTargets.all { print(t.name.padding(toLength: 12, withPad: " ", startingAt: 0) + t.summary) }
case "replay":
    guard arguments.count >= 3 else { usage() }
    let targets: [(FuzzTarget, [String])]
    if arguments[1] == "all" {
        targets = FuzzTargets.all.map { t in (t, arguments.dropFirst(2).map { ($0 as NSString).appendingPathComponent(t.name) }) }
    } else {
        guard let t = FuzzTargets.named(arguments[1]) else { fail("no target '\(arguments[1])'; targets: \(FuzzTargets.names)") }
        targets = [(t, Array(arguments.dropFirst(2)))]
    }
    for (target, paths) in targets {
        do {
            let start = ContinuousClock.now
            let (inputs, refused) = try Replay.run(target, paths: paths)
            let seconds = (ContinuousClock.now - start).components
            let elapsed = Double(seconds.seconds) + Double(seconds.attoseconds) * 1e-18
            print("\(target.name): \(inputs) inputs, \(inputs - refused) parsed, \(refused) refused with an error, "
                  + String(format: "%.1f s", elapsed))
        } catch {
            fail("\(error)")
        }
    }
case "seed":
    guard arguments.count == 2 else { usage() }
    do { try SeedCorpus.write(to: URL(fileURLWithPath: arguments[1])) } catch { fail("\(error)") }
case let name?:
    guard let target = FuzzTargets.named(name) else { usage() }
    #if FUZZING
    exit(LibFuzzer.run(target, arguments: Array(arguments.dropFirst())))
    #else
    _ = target
    fail("this build has no libFuzzer: build with `make fuzz` (-sanitize=fuzzer -DFUZZING), or use `replay`")
    #endif
case nil:
    usage()
}
