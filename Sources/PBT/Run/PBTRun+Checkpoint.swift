import Agents
import Checkpoint
import Runs
import Evolution
import Foundation

/// A PBT checkpoint's own sections (the driver adds config, metrics, driver):
///
///     "pbt"      version u8 = 1, generation, best score (NaN: none), P, D;
///                per member: its point (D doubles), the first episode its score counts,
///                the inherited score, the last score, exploits
///     "agents"   P, then each member's `AgentState.bytes` (θ, Adam, environments mid-episode,
///                streams, counters, curve)
///     "lineage"  the lineage.jsonl text so far
///     "board"    asynchronous mode only: P published snapshots (score, step, point, learning state)
extension PBTRun {
    public static let section = "pbt"
    public static let agentsSection = "agents"
    public static let lineageSection = "lineage"
    public static let boardSection = "board"

    public func save(into checkpoint: inout Checkpoint) {
        for (name, bytes) in sections { checkpoint[name] = bytes }
    }

    /// The run's sections, in order.
    var sections: [(String, [UInt8])] {
        var w = ByteWriter()
        w.u8(1)
        w.int(generation)
        w.double(bestFitness ?? .nan)
        w.int(members.count)
        w.int(space.dimensions.count)
        for m in members {
            w.doubles(m.point)
            w.int(m.scoreFrom)
            w.double(m.inheritedScore)
            w.double(m.score)
            w.int(m.exploits)
        }
        var agents = ByteWriter()
        agents.int(members.count)
        for m in members { agents.bytes(m.agent.state.bytes) }
        var out: [(String, [UInt8])] = [(Self.section, w.bytes), (Self.agentsSection, agents.bytes),
                                        (Self.lineageSection, Array(LineageLog.text(lineage).utf8))]
        if let board {
            var b = ByteWriter()
            b.int(board.count)
            for e in board {
                b.double(e.score)
                b.int(e.step)
                b.doubles(e.point)
                b.bytes(e.learning.bytes)
            }
            out.append((Self.boardSection, b.bytes))
        }
        return out
    }

    /// SHA-256 of every PBT section: the members' whole agent states, their
    /// points and scores, the lineage, the board.
    public var stateDigest: String { SHA256.hex(sections.flatMap { Array($0.0.utf8) + $0.1 }) }

    /// The population as `checkpoint` holds it.
    public init(configuration: PBTConfiguration, restoring checkpoint: Checkpoint, backend: any EvaluationBackend) throws {
        let file = checkpoint.source ?? "checkpoint"
        func malformed(_ why: String) -> CheckpointError { CheckpointError(file: file, problem: .malformed(why)) }
        self.configuration = configuration
        space = try HyperparameterSpace(configuration.pbt.hyperparameters)
        self.backend = try Self.require(backend)
        let p = configuration.pbt.populationSize, d = space.dimensions.count
        do {
            var r = ByteReader(try checkpoint.section(Self.section))
            let version = try r.u8("pbt section version")
            guard version == 1 else { throw malformed("pbt section version \(version) is not supported (expected 1)") }
            generation = try r.int("generation")
            guard generation == checkpoint.generation else {
                throw malformed("the pbt section is at generation \(generation), the header at \(checkpoint.generation)")
            }
            let best = try r.double("best score")
            bestFitness = best.isNaN ? nil : best
            let count = try r.int("population size"), dims = try r.int("dimensions")
            guard count == p, dims == d else {
                throw malformed("it holds \(count) members with \(dims) hyperparameters; the config has \(p) with \(d) (\(space.names.joined(separator: ", ")))")
            }
            var a = ByteReader(try checkpoint.section(Self.agentsSection))
            guard try a.int("agent count") == p else { throw malformed("the agents section does not hold \(p) agents") }
            var members: [PBTMember] = []
            for m in 0..<p {
                let point = try r.doubles("member \(m) point")
                guard space.contains(point) else { throw malformed("member \(m)'s hyperparameters \(point) lie outside the searched space") }
                let agent: Agent
                do {
                    agent = try Agent(restoring: try AgentState(bytes: try a.bytes("agent \(m)")))
                } catch let error as AgentError {
                    throw malformed("agent \(m): \(error)")
                }
                let member = PBTMember(index: m, agent: agent, point: point)
                member.scoreFrom = try r.int("member \(m) score start")
                member.inheritedScore = try r.double("member \(m) inherited score")
                member.score = try r.double("member \(m) score")
                member.exploits = try r.int("member \(m) exploits")
                guard (0...(1 << 53)).contains(member.exploits), (0...(1 << 53)).contains(member.scoreFrom) else {
                    throw malformed("member \(m): \(member.exploits) exploits, score from episode \(member.scoreFrom); accepted: 0 to 2^53 each")
                }
                members.append(member)
            }
            guard r.isAtEnd, a.isAtEnd else { throw malformed("the pbt or agents section has trailing bytes") }
            self.members = members
            let text = try checkpoint.text(Self.lineageSection)
            do {
                lineage = try LineageLog.records(in: text, file: "\(file) (lineage section)")
            } catch let error as LineageError {
                throw malformed(error.message)
            }
            if configuration.pbt.mode == .asynchronous {
                var b = ByteReader(try checkpoint.section(Self.boardSection))
                guard try b.int("board size") == p else { throw malformed("the board does not hold \(p) entries") }
                var entries: [MemberSnapshot] = []
                for m in 0..<p {
                    let score = try b.double("board \(m) score"), step = try b.int("board \(m) step")
                    let point = try b.doubles("board \(m) point")
                    let learning = try LearningState(bytes: try b.bytes("board \(m) state"), what: "board entry \(m)")
                    entries.append(MemberSnapshot(learning: learning, point: point, step: step, score: score))
                }
                board = entries
            } else {
                board = nil
            }
        } catch let error as ByteReaderError {
            throw malformed("\(error)")
        } catch let error as LearningStateBytesError {
            throw malformed(error.message)
        }
    }
}
