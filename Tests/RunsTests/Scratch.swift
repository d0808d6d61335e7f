import Foundation

/// A fresh temporary directory per test, removed afterwards.
final class ScratchDirectory {
    let url: URL
    init(_ name: String = #function) {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("populus-ckpt-\(getpid())-\(name.filter(\.isLetter))-\(UInt32.random(in: 0...UInt32.max))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
