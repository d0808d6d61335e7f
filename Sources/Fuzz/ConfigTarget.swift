import PopulusKit

/// `config`: a YAML config and its `--set` overrides, as `populus evolve`,
/// `train` and `config check` read them — parsed, overridden, the header
/// peeked, then decoded as every run configuration there is.
///
/// Input: the YAML, then optionally a line `#--set` and one override
/// (`path.to.key=value`) per line.
///
/// Checked beyond "no trap": a document that decodes as a configuration
/// writes YAML (`populus config check`, the run directory's `config.yaml`,
/// every checkpoint's config section) that decodes again to the same YAML,
/// since `resume` reads exactly that text back.
enum ConfigTarget {
    static let target = FuzzTarget(
        name: "config", summary: "a YAML config, then a line '#--set' and one path.to.key=value per line", run: run)

    static func run(_ bytes: [UInt8]) throws {
        guard let text = FuzzInput.text(bytes) else { return }
        let (yaml, rest) = FuzzInput.parts(text, markers: ["#--set"])
        let document = try ConfigDocument(yaml: yaml, file: "fuzz.yaml", overrides: FuzzInput.lines(rest[0]))
        _ = document.yaml
        _ = try? document.yamlResolvingHeader()
        let header = try? document.header()
        for kind in kinds {
            // Every type, not only the header's algorithm: a document of one
            // algorithm decoded as another must be refused, not trap.
            do {
                try kind.check(document)
            } catch let failure as RoundTripFailure {
                fuzzFailure("config", failure.message)
            } catch {
                if header?.algorithm == kind.algorithm { throw error }
            }
        }
    }

    /// One configuration type: decodes a document, writes it back, reads that back.
    struct Kind: Sendable {
        let algorithm: Algorithm
        let check: @Sendable (ConfigDocument) throws -> Void
    }

    static let kinds: [Kind] = [
        kind(.es, ESConfiguration.self), kind(.epg, EPGConfiguration.self), kind(.lpo, LPOConfiguration.self),
        kind(.pbt, PBTConfiguration.self), kind(.poet, POETConfiguration.self), kind(.ppo, PPOConfiguration.self),
    ]

    static func kind<C: Codable & Sendable>(_ algorithm: Algorithm, _ type: C.Type) -> Kind {
        Kind(algorithm: algorithm) { document in
            let resolved = try document.resolvedYAML(C.self)
            let again: String
            do {
                again = try ConfigDocument(yaml: resolved, file: "resolved.yaml").resolvedYAML(C.self)
            } catch {
                throw RoundTripFailure(message: "\(C.self) decoded, but its written YAML does not decode: \(error)\n\(resolved)")
            }
            guard again == resolved else {
                throw RoundTripFailure(message: "\(C.self): the written YAML changes when read and written again:\n\(resolved)\n---\n\(again)")
            }
        }
    }

    struct RoundTripFailure: Error {
        let message: String
    }
}
