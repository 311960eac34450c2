import EscrowCore
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The 2005 reference deal's script (`ReferenceDeal` in EscrowCore) as the command lines an
/// operator types: each step of the script becomes one or more `escrow` processes on the
/// workspace's database, at the script's instants.
///
/// ``ReferenceDealCommandTests`` pins what each step prints, and ``PreparedDeals`` plays the
/// script once to give other tests a prepared escrow.
enum CommandLineDeal {
    static let escrowID = ReferenceDeal.escrowID.rawValue
    static let agreement = EscrowExecutable.packageRoot.appendingPathComponent("examples/roo-group-2005.yaml").path

    /// Who signs the Release Notice (1.4, Exhibit A): the company and every purchaser.
    static let signers = ReferenceDeal.signers.map(\.rawValue)

    /// The instant the script has a signer execute its counterpart of the Release Notice.
    static func signingInstant(_ party: String) -> String {
        let signer = PartyID(party)
        let step = ReferenceDeal.steps(through: .readyToRelease).first { $0.step == .signReleaseNotice(signer) }
        return (step?.at ?? ReferenceDeal.signingInstant(signer)).description
    }

    static let releaseInstant = ReferenceDeal.releaseInstant.description

    /// The company's written wire instructions (1.6) as `--account` values.
    static let companyAccounts = ReferenceDeal.companyAccounts.map(\.commandLine)

    /// The private key file of a signer, relative to the workspace.
    static func keyFile(_ party: String) -> String { "\(party).key" }
}

extension Workspace {
    /// Plays one step of the script through `escrow`, returning what each process printed.
    func play(_ timed: ReferenceDeal.TimedStep) async throws -> [EscrowResult] {
        let now = timed.at.description
        switch timed.step {
        case .open:
            return [try await escrow(["create", "--agreement", CommandLineDeal.agreement], now: now)]
        case .registerKey(let party):
            var runs: [EscrowResult] = []
            let keyFile = CommandLineDeal.keyFile(party.rawValue)
            if !FileManager.default.fileExists(atPath: path(keyFile)) {
                runs.append(try await escrow(["keys", "generate", "--out", keyFile]))
            }
            runs.append(try await escrow(["keys", "register", "--party", party.rawValue, "--key-file", keyFile], now: now))
            return runs
        case .deposit(let wire):
            return [
                try await escrow(
                    ["deposit", "--from", wire.purchaser.rawValue, "--amount", wire.amount, "--reference", wire.bankReference], now: now)
            ]
        case .deliver(let delivery):
            return [try await deliver(delivery.condition.rawValue, from: delivery.from.rawValue, text: delivery.text, now: now)]
        case .instruct(let party, let accounts):
            return [
                try await escrow(
                    ["instruct", "--party", party.rawValue, "--key", CommandLineDeal.keyFile(party.rawValue)]
                        + accounts.flatMap { ["--account", $0.commandLine] },
                    now: now)
            ]
        case .signReleaseNotice(let party):
            return [try await signReleaseNotice(party.rawValue, now: now)]
        case .release:
            return [try await release(now: now)]
        case .tick:
            return [try await escrow(["tick"], now: now)]
        case .hold(let id, let amount, let reason, let parties):
            return [
                try await escrow(
                    ["hold", "--id", id, "--reason", reason, "--parties", parties.map(\.rawValue).joined(separator: ",")]
                        + (amount.map { ["--amount", $0] } ?? []), now: now)
            ]
        case .depositWithCourt(let court, let docket):
            return [try await escrow(["deposit-with-court", "--court", court] + (docket.map { ["--docket", $0] } ?? []), now: now)]
        }
    }

    /// Plays every step of the script matching `filter`, in order; returns the runs.
    func play(through stage: ReferenceDeal.Stage, where filter: (ReferenceDeal.Step) -> Bool = { _ in true }) async throws -> [EscrowResult] {
        var runs: [EscrowResult] = []
        for step in ReferenceDeal.steps(through: stage) where filter(step.step) { runs += try await play(step) }
        return runs
    }

    /// `escrow create --agreement examples/roo-group-2005.yaml` (1.1).
    func createReferenceEscrow() async throws -> EscrowResult {
        try await play(through: .funded) { $0 == .open }[0]
    }

    /// `escrow keys generate --out <party>.key` for every signer; returns the runs in signer order.
    func generateKeys() async throws -> [EscrowResult] {
        var runs: [EscrowResult] = []
        for party in CommandLineDeal.signers {
            runs.append(try await escrow(["keys", "generate", "--out", CommandLineDeal.keyFile(party)]))
        }
        return runs
    }

    /// `escrow keys register --party <party> --key-file <party>.key` for every signer (2.8).
    func registerKeys() async throws -> [EscrowResult] {
        try await play(through: .funded) { if case .registerKey = $0 { true } else { false } }
    }

    /// `escrow deposit` for each purchaser's subscription, in full (1.1, 1.3).
    func depositSubscriptions() async throws -> [EscrowResult] {
        try await play(through: .funded) { if case .deposit = $0 { true } else { false } }
    }

    /// Writes a document file and records its delivery with `escrow receive-document` (1.2).
    func deliver(_ condition: String, from party: String, text: String, now: String) async throws -> EscrowResult {
        let file = try write(text, to: "\(condition)-\(party).txt")
        return try await escrow(["receive-document", "--condition", condition, "--from", party, "--file", file], now: now)
    }

    /// The counterpart signature pages of the company and every purchaser, then the closing
    /// documents: every condition of 1.2 but the NIR Waiver.
    func deliverClosingPapers() async throws -> [EscrowResult] {
        try await play(through: .awaitingWaiver) { if case .deliver = $0 { true } else { false } }
    }

    /// The NIR Waiver of Exhibit B from the NIR Group: the last condition of 1.2.
    func deliverWaiver() async throws -> EscrowResult {
        try await play(through: .advised) { $0 == .deliver(ReferenceDeal.waiver) }[0]
    }

    /// The company's signed written wire instructions (1.6).
    func instructCompany() async throws -> EscrowResult {
        try await play(through: .awaitingPurchaser3) { if case .instruct = $0 { true } else { false } }[0]
    }

    /// The fee payees' keys and signed written wire instructions (1.5), as the script has them.
    func instructFeePayees() async throws -> [EscrowResult] {
        try await play(through: .awaitingPurchaser3) { step in
            switch step {
            case .registerKey(let party), .instruct(let party, _): ReferenceDeal.feeInstructions.contains { $0.payee == party }
            default: false
            }
        }
    }

    /// `escrow sign --instrument release-notice` by `party` with its own key (1.4, Exhibit A).
    func signReleaseNotice(_ party: String, now: String? = nil) async throws -> EscrowResult {
        try await escrow(
            ["sign", "--instrument", "release-notice", "--party", party, "--key", CommandLineDeal.keyFile(party)],
            now: now ?? CommandLineDeal.signingInstant(party))
    }

    /// `escrow release` (1.5, 1.6).
    func release(now: String = CommandLineDeal.releaseInstant, idempotencyKey: String? = nil) async throws -> EscrowResult {
        try await escrow(["release"] + (idempotencyKey.map { ["--idempotency-key", $0] } ?? []), now: now)
    }
}

/// Databases of the reference deal at the stages tests start from, built once per test run
/// by playing the script through `escrow`, and copied for each test.
actor PreparedDeals {
    static let shared = PreparedDeals()

    /// The stages tests start from.
    static let stages: [ReferenceDeal.Stage] = [.awaitingWaiver, .awaitingPurchaser3, .readyToRelease]

    private var templates: Task<[ReferenceDeal.Stage: Workspace], any Error>?

    /// A fresh copy of the deal at `stage`, in its own workspace.
    func workspace(at stage: ReferenceDeal.Stage) async throws -> Workspace {
        if templates == nil { templates = Task { try await Self.build() } }
        guard let built = try await templates?.value, let template = built[stage] else {
            throw PreparedDealError(stage: stage)
        }
        return try Workspace(copying: template)
    }

    struct PreparedDealError: Error, CustomStringConvertible {
        let stage: ReferenceDeal.Stage
        var description: String { "no prepared deal at \(stage)" }
    }

    /// The folder that holds the templates: one per test process, removed when it exits.
    static func templatesFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("escrow-cli-tests-templates-\(getpid())", isDirectory: true)
    }

    private static func build() async throws -> [ReferenceDeal.Stage: Workspace] {
        let folder = templatesFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: PreparedDeals.templatesFolder()) }
        let deal = try Workspace(in: folder)
        var built: [ReferenceDeal.Stage: Workspace] = [:]
        var played = 0
        for stage in stages {
            let steps = ReferenceDeal.steps(through: stage)
            for step in steps.dropFirst(played) {
                for run in try await deal.play(step) { try run.succeeded() }
            }
            played = steps.count
            built[stage] = try Workspace(copying: deal, in: folder)
        }
        return built
    }
}
