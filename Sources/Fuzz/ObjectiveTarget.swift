import PopulusKit

/// `objective`: an evolved drift's `.phi` file (`populus zoo export` writes
/// it; `train --objective`, `compare FILE` and `outer.warm_start` read it).
///
/// Checked beyond "no trap": a file that parses writes text that parses to
/// an equal file (the zoo's files are rewritten by `zoo export`).
enum ObjectiveTarget {
    static let target = FuzzTarget(name: "objective", summary: "a .phi objective file (populus-objective 1)", run: run)

    static func run(_ bytes: [UInt8]) throws {
        guard let text = FuzzInput.text(bytes) else { return }
        let file = try ObjectiveFile(text: text, file: "fuzz.phi")
        let again: ObjectiveFile
        do {
            again = try ObjectiveFile(text: file.text, file: "again.phi")
        } catch {
            fuzzFailure("objective", "a parsed file's text does not parse: \(error)\n\(file.text)")
        }
        guard again.text == file.text else { fuzzFailure("objective", "a parsed file's text changes when read again") }
    }
}
