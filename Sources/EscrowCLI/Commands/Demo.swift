import ArgumentParser
import EscrowCore
import EscrowStore
import EscrowStoreSQLite
import Foundation

/// `escrow demo`: the 2005 reference deal, end to end, on a fresh database.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the 2005 reference escrow on a fresh database and print its timeline.",
        discussion: "--scenario closing (default): funds, documents, advice, Release Notice, disbursement. --scenario refund: the NIR waiver never arrives; 1.7 makes each deposit due back, paid as each purchaser's written wire instructions arrive.")

    enum Scenario: String, ExpressibleByArgument, CaseIterable { case closing, refund }

    @Option(help: "closing or refund.") var scenario: Scenario = .closing
    @Option(help: "An agreement file to play instead of the reference deal (with --script).") var agreement: String?
    @Option(help: "A deal script (docs/deal-scripts.md) to play on --agreement.") var script: String?
    @Option(help: "Database file to create (must not exist); a temporary one when left out.") var db: String?
    @Flag(help: "Print the timeline as JSON.") var json = false

    func run() async throws {
        try await reporting {
            // The files are read before any database is made, so a mistake leaves nothing behind.
            var deal: (terms: AgreementTerms, script: DealScript)? = nil
            if let agreement, let script {
                deal = (try Self.readAgreement(agreement), try Self.readScript(script))
            } else if agreement != nil || script != nil {
                throw CLIFailure(.invalid, "demo refused: --agreement and --script go together")
            }
            let path: String
            if let db {
                guard !FileManager.default.fileExists(atPath: db) else {
                    throw CLIFailure(.invalid, "demo refused: \(db) exists; the demo runs on a fresh database")
                }
                path = db
            } else {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("escrow-demo-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                path = folder.appendingPathComponent("demo.db").path
            }
            let store: SQLiteEventStore
            do { store = try SQLiteEventStore(path: path) } catch { throw CLIFailure(.store, "cannot open \(path): \(error)") }
            let run: ReferenceDemo
            let notes: [String]
            let heading: String
            if let deal, let script {
                run = ReferenceDemo(service: EscrowService(store: store), escrowID: EscrowID(deal.terms.id), terms: deal.terms)
                notes = try await run.play(deal.script)
                heading = "script \(script)"
            } else {
                run = ReferenceDemo(service: EscrowService(store: store))
                notes = try await run.play(scenario)
                heading = "\(scenario.rawValue) scenario"
            }
            let (state, records) = try await run.service.load(run.escrowID)
            let lines = try Output.lines(records, state: state)
            if json {
                print(Output.json(lines))
                return
            }
            print("\(agreement == nil ? "Reference escrow" : "Escrow") \(state.escrowID), \(heading) (database \(path))")
            for line in lines { print(line.text) }
            for note in notes { print(note) }
            let ledger = state.ledger
            print("ledger: deposited \(ledger.deposited) = held \(ledger.held) + paid out \(ledger.paidOut) + refunded \(ledger.refunded) + with court \(ledger.depositedWithCourt)")
        }
    }
}

extension Demo {
    static func readAgreement(_ path: String) throws -> AgreementTerms {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw CLIFailure(.invalid, "demo refused: cannot read \(path)") }
        do { return try AgreementFile.parse(text, sourceName: path) } catch { throw CLIFailure(.invalid, "demo refused: \(error)") }
    }

    static func readScript(_ path: String) throws -> DealScript {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw CLIFailure(.invalid, "demo refused: cannot read \(path)") }
        do { return try DealScript.parse(text, sourceName: path) } catch { throw CLIFailure(.invalid, "demo refused: \(error)") }
    }
}

/// Plays the reference deal's script, or a deal script on any agreement, through the same
/// service every front end uses, with the refusals an operator would meet on the way.
struct ReferenceDemo {
    let player: ReferenceDealPlayer
    var service: EscrowService { player.service }
    var escrowID: EscrowID { player.escrowID }

    init(service: EscrowService, escrowID: EscrowID = ReferenceDeal.escrowID, terms: AgreementTerms? = nil) {
        player = ReferenceDealPlayer(service: service, escrowID: escrowID, terms: terms)
    }

    /// Plays a deal script; a step the agreement refuses is reported (script line, instant,
    /// the refusal with its clause) and the script goes on, so a script can show refusals.
    func play(_ script: DealScript) async throws -> [String] {
        var notes: [String] = []
        for step in script.steps {
            do {
                try await player.perform(step.act, at: step.at)
            } catch {
                switch error {
                case .service(let act, let failure):
                    let line = step.line.map { "line \($0)" } ?? "a step"
                    notes.append("\(line), \(ISO8601DateFormatter().string(from: step.at)): \(CLIFailure(verb: Self.verb(act), failure).message)")
                case .script: throw CLIFailure(.invalid, "demo refused: \(error.description)")
                }
            }
        }
        return notes
    }

    /// Plays a scenario; returns lines worth printing after the timeline (refusals shown).
    func play(_ scenario: Demo.Scenario) async throws -> [String] {
        do {
            switch scenario {
            case .refund:
                try await player.play(through: .refunded)
                let refused = await releaseRefusal(at: ReferenceDeal.afterRefundDeadline.date.addingTimeInterval(3_600))
                let owing = (try? await service.load(escrowID))?.0.nextStep ?? "the escrow cannot be read"
                // The others are paid back as their written wire instructions arrive.
                try await player.play(from: .refunded, through: .refundsPaid)
                return ["then: \(refused)", "on 2005-09-03: \(owing)"]
            case .closing:
                try await player.play(through: .awaitingPurchaser3)
                // Tried before Purchaser 3 signs, the release is refused for want of its counterpart.
                let meanwhile = await releaseRefusal(at: ReferenceDeal.lastSigningInstant.date.addingTimeInterval(-15 * 60))
                try await player.play(from: .awaitingPurchaser3, through: .released)
                return ["meanwhile: \(meanwhile)"]
            }
        } catch {
            switch error {
            case .service(let step, let failure): throw CLIFailure(verb: Self.verb(step), failure)
            case .script: throw CLIFailure(.general, error.description)
            }
        }
    }

    /// What `escrow release` would answer at `instant`: the refusal line, or a note that it went through.
    func releaseRefusal(at instant: Date) async -> String {
        do {
            _ = try await service.execute(.release, on: escrowID, at: instant)
            return "unexpected: release was accepted"
        } catch {
            return CLIFailure(verb: "release", error).message
        }
    }

    /// The command-line verb of a step, for its failure line.
    static func verb(_ step: ReferenceDeal.Step) -> String {
        switch step {
        case .open: "create"
        case .registerKey: "keys register"
        case .deposit: "deposit"
        case .deliver: "receive-document"
        case .instruct: "instruct"
        case .signReleaseNotice: "sign"
        case .release: "release"
        case .tick: "tick"
        case .hold: "hold"
        case .depositWithCourt: "deposit-with-court"
        }
    }
}
