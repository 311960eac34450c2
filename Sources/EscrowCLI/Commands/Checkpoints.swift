import ArgumentParser
import EscrowCore
import EscrowStore
import Foundation

/// The environment variable naming the agent's checkpoint key file, for every command.
let checkpointKeyVariable = "ESCROW_AGENT_KEY"

extension StoreSelection {
    /// The agent's checkpoint key file: `explicit` (`--agent-key`), else `ESCROW_AGENT_KEY`, else
    /// beside the SQLite database (`escrow.db.agent-key`), else `escrow-agent.key` in the working
    /// directory when the log is on PostgreSQL.
    func checkpointKeyPath(_ explicit: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let variable = ProcessInfo.processInfo.environment[checkpointKeyVariable], !variable.isEmpty { return variable }
        switch self {
        case .sqlite(let path): return CheckpointSigner.keyPath(besideDatabase: path)
        case .postgres: return "escrow-agent.key"
        }
    }

    /// The agent's checkpoint signer, its key file created when there is none yet.
    func checkpointSigner(_ explicit: String?) throws -> CheckpointSigner {
        do { return try CheckpointSigner.loadOrCreate(at: checkpointKeyPath(explicit)) } catch {
            throw CLIFailure(.invalid, "\(error)")
        }
    }
}

extension StoreOptions {
    /// The agent's checkpoint signer for this command's store (see ``StoreSelection/checkpointKeyPath(_:)``).
    func checkpointSigner(_ explicit: String? = nil) throws -> CheckpointSigner {
        try selection.checkpointSigner(explicit)
    }
}

extension CommandSession {
    /// The escrow's latest checkpoint, signed with the agent's key.
    func checkpoint(verb: String, signer: CheckpointSigner) async throws -> Checkpoint {
        let id = try await escrowID()
        do { return try await service.checkpoint(of: id, signer: signer) } catch { throw CLIFailure(verb: verb, error) }
    }
}

extension Checkpoint {
    /// One line for text output: what is signed, and by which key.
    var line: String {
        "Checkpoint: event \(sequence) of \(escrow), hash \(hash), signed by the agent's key \(publicKeyBase64) (signature \(signatureBase64))"
    }
}

/// A status or other answer, with the escrow's latest checkpoint beside its own fields.
struct WithCheckpoint<Value: Encodable>: Encodable {
    var value: Value
    var checkpoint: Checkpoint

    private enum Keys: String, CodingKey { case checkpoint }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(checkpoint, forKey: .checkpoint)
    }
}

/// `escrow checkpoint`: the agent signs the log's head; anyone holding the file can later prove
/// the log still holds every event up to it (`escrow verify --checkpoint FILE`).
struct CheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign the log's head (escrow, sequence, hash) with the agent's key and write the checkpoint.",
        discussion: """
            The key is the agent's Ed25519 key file: --agent-key, else ESCROW_AGENT_KEY, else beside the SQLite
            database (escrow.db.agent-key), else ./escrow-agent.key; it is created when missing. The key is recorded
            in the escrow's log first when the log does not record it yet (the first key, or a rotation).
            """)
    @OptionGroup var options: StoreOptions
    @Option(name: .long, help: "Write the checkpoint (JSON) to this file instead of standard output.")
    var out: String?
    @Option(name: .long, help: "The agent's checkpoint key file.")
    var agentKey: String?

    func run() async throws {
        try await reporting {
            let signer = try options.checkpointSigner(agentKey)
            let now = try options.instant()
            let checkpoint = try await options.withSession { session in
                let id = try await session.escrowID()
                do { try await session.service.recordCheckpointKey(of: signer, on: id, at: now) } catch {
                    throw CLIFailure(verb: "checkpoint", error)
                }
                return try await session.checkpoint(verb: "checkpoint", signer: signer)
            }
            let json = Output.json(checkpoint)
            guard let out else {
                print(json)
                return
            }
            do { try Data((json + "\n").utf8).write(to: URL(fileURLWithPath: out)) } catch {
                throw CLIFailure(.general, "checkpoint failed: cannot write \(out): \(error.localizedDescription)")
            }
            if !options.json { print("checkpoint of \(checkpoint.escrow) at event \(checkpoint.sequence) written to \(out)") }
        }
    }
}

/// `escrow verify --checkpoint FILE`: proves the log still holds every event up to the checkpoint.
enum CheckpointCheck {
    static func run(file: String, options: StoreOptions, agentKey: String?) async throws {
        let checkpoint = try read(file)
        let signer = try options.checkpointSigner(agentKey)
        let result = try await options.selection.withStore { store in
            let id = EscrowID(options.escrow ?? checkpoint.escrow)
            let records: [RecordedEvent]
            do { records = try await store.events(of: id, after: 0) } catch { throw CLIFailure(.store, "\(error)") }
            return CheckpointVerification(checkpoint: checkpoint, escrowID: id, records: records, currentKeyBase64: signer.publicKeyBase64)
        }
        if options.json {
            print(Output.json(result))
        } else if result.holds {
            print("\(result.escrow): the log holds every event up to checkpoint \(result.checkpointSequence) unchanged (log now at \(result.logSequence))")
        } else {
            print("\(result.escrow): checkpoint \(result.checkpointSequence) does not hold: \(result.reason ?? "")")
        }
        if !result.holds { throw ExitCode(CLIFailure.Class.store.rawValue) }
    }

    /// Reads a checkpoint file, refusing anything that is not one in a sentence.
    static func read(_ file: String) throws -> Checkpoint {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw CLIFailure(.invalid, "--checkpoint \(file) cannot be read")
        }
        guard data.count <= Limits.checkpointBytesMax else {
            throw CLIFailure(.invalid, "--checkpoint \(file) is larger than \(Limits.checkpointBytesMax) bytes: not a checkpoint")
        }
        do { return try EventCoding.decoder.decode(Checkpoint.self, from: data) } catch {
            throw CLIFailure(.invalid, "--checkpoint \(file) is not a checkpoint written by `escrow checkpoint`")
        }
    }
}
