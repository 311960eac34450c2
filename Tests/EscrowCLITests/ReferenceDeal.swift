import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The 2005 reference deal (`examples/roo-group-2005.yaml`) as the command lines an operator
/// types, one step each, at the instants `escrow demo` uses (New York time, EDT).
///
/// Each step runs one or more `escrow` processes on the workspace's database and returns what
/// they printed; ``ReferenceDealCommandTests`` pins that output, and ``PreparedDeals`` runs
/// the same steps once to give other tests a prepared escrow.
enum ReferenceDeal {
    static let escrowID = "roo-group-2005"
    static let agreement = EscrowExecutable.packageRoot.appendingPathComponent("examples/roo-group-2005.yaml").path

    /// Who signs the Release Notice (1.4, Exhibit A): the company and every purchaser.
    static let signers = ["company", "purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4"]

    /// One wire per purchaser (1.1, 1.3): who, how much, the bank's reference, when.
    static let wires: [(purchaser: String, amount: String, reference: String, at: String)] = [
        ("purchaser-1", "3000000.00", "FW20050822001", "2005-08-22T11:00:00-04:00"),
        ("purchaser-2", "2499999.99", "FW20050822002", "2005-08-22T12:00:00-04:00"),
        ("purchaser-3", "1500000.00", "FW20050822003", "2005-08-22T13:00:00-04:00"),
        ("purchaser-4", "999999.99", "FW20050822004", "2005-08-22T14:00:00-04:00"),
    ]

    /// When each signer executes its counterpart of the Release Notice.
    static let signingInstants: [String: String] = [
        "company": "2005-08-25T10:00:00-04:00",
        "purchaser-1": "2005-08-25T10:00:00-04:00",
        "purchaser-2": "2005-08-25T11:00:00-04:00",
        "purchaser-3": "2005-08-25T11:00:00-04:00",
        "purchaser-4": "2005-08-25T12:00:00-04:00",
    ]

    static let releaseInstant = "2005-08-25T15:00:00-04:00"

    /// The company's written wire instructions (1.6): USD 3,400,000.00 to prepay the NIR
    /// Group's notes, the rest to its operating account.
    static let companyAccounts = [
        "AJW Offshore, Ltd. for the NIR Group|Bank of New York|021000018|8900112233|3400000.00",
        "ROO Group, Inc.|Citibank, N.A.|021000089|40012345",
    ]

    /// The private key file of a signer, relative to the workspace.
    static func keyFile(_ party: String) -> String { "\(party).key" }
}

extension Workspace {
    /// `escrow create --agreement examples/roo-group-2005.yaml` (1.1).
    func createReferenceEscrow() async throws -> EscrowResult {
        try await escrow(["create", "--agreement", ReferenceDeal.agreement], now: "2005-08-19T09:00:00-04:00")
    }

    /// `escrow keys generate --out <party>.key` for every signer; returns the runs in signer order.
    func generateKeys() async throws -> [EscrowResult] {
        var runs: [EscrowResult] = []
        for party in ReferenceDeal.signers {
            runs.append(try await escrow(["keys", "generate", "--out", ReferenceDeal.keyFile(party)]))
        }
        return runs
    }

    /// `escrow keys register --party <party> --key-file <party>.key` for every signer (2.8).
    func registerKeys() async throws -> [EscrowResult] {
        var runs: [EscrowResult] = []
        for party in ReferenceDeal.signers {
            runs.append(
                try await escrow(
                    ["keys", "register", "--party", party, "--key-file", ReferenceDeal.keyFile(party)],
                    now: "2005-08-19T10:00:00-04:00"))
        }
        return runs
    }

    /// `escrow deposit` for each purchaser's subscription, in full (1.1, 1.3).
    func depositSubscriptions() async throws -> [EscrowResult] {
        var runs: [EscrowResult] = []
        for wire in ReferenceDeal.wires {
            runs.append(
                try await escrow(
                    ["deposit", "--from", wire.purchaser, "--amount", wire.amount, "--reference", wire.reference], now: wire.at))
        }
        return runs
    }

    /// Writes a document file and records its delivery with `escrow receive-document` (1.2).
    func deliver(_ condition: String, from party: String, text: String, now: String) async throws -> EscrowResult {
        let file = try write(text, to: "\(condition)-\(party).txt")
        return try await escrow(["receive-document", "--condition", condition, "--from", party, "--file", file], now: now)
    }

    /// The counterpart signature pages of the company and every purchaser, then the closing
    /// documents: every condition of 1.2 but the NIR Waiver.
    func deliverClosingPapers() async throws -> [EscrowResult] {
        var runs: [EscrowResult] = []
        for party in ReferenceDeal.signers {
            runs.append(
                try await deliver(
                    "counterpart-signature-pages", from: party, text: "Transaction Documents signature page of \(party)",
                    now: "2005-08-23T10:00:00-04:00"))
        }
        runs.append(
            try await deliver(
                "closing-documents", from: "company", text: "Closing documents under Article IV", now: "2005-08-23T14:00:00-04:00"))
        return runs
    }

    /// The NIR Waiver of Exhibit B from the NIR Group: the last condition of 1.2.
    func deliverWaiver() async throws -> EscrowResult {
        try await deliver(
            "nir-waiver", from: "nir-group", text: "Omnibus Consent and Waiver of 2005-08-18, executed", now: "2005-08-24T09:00:00-04:00")
    }

    /// The company's signed written wire instructions (1.6).
    func instructCompany() async throws -> EscrowResult {
        try await escrow(
            ["instruct", "--party", "company", "--key", ReferenceDeal.keyFile("company")]
                + ReferenceDeal.companyAccounts.flatMap { ["--account", $0] },
            now: "2005-08-24T11:00:00-04:00")
    }

    /// `escrow sign --instrument release-notice` by `party` with its own key (1.4, Exhibit A).
    func signReleaseNotice(_ party: String, now: String? = nil) async throws -> EscrowResult {
        try await escrow(
            ["sign", "--instrument", "release-notice", "--party", party, "--key", ReferenceDeal.keyFile(party)],
            now: now ?? ReferenceDeal.signingInstants[party]!)
    }

    /// `escrow release` (1.5, 1.6).
    func release(now: String = ReferenceDeal.releaseInstant, idempotencyKey: String? = nil) async throws -> EscrowResult {
        try await escrow(["release"] + (idempotencyKey.map { ["--idempotency-key", $0] } ?? []), now: now)
    }
}

/// Databases of the reference deal at the stages tests start from, built once per test run
/// with the same steps as ``ReferenceDealCommandTests`` and copied for each test.
actor PreparedDeals {
    static let shared = PreparedDeals()

    enum Stage: Hashable, Sendable {
        /// Funded, keys registered, counterpart pages and closing documents in; no NIR Waiver.
        case awaitingWaiver
        /// Every condition met and advised, the company's instructions given, the Release
        /// Notice signed by everyone but Purchaser 3.
        case awaitingPurchaser3
        /// The Release Notice effective: `escrow release` is all that is left.
        case readyToRelease
    }

    private var templates: Task<[Stage: Workspace], any Error>?

    /// A fresh copy of the deal at `stage`, in its own workspace.
    func workspace(at stage: Stage) async throws -> Workspace {
        if templates == nil { templates = Task { try await Self.build() } }
        let built = try await templates!.value
        return try Workspace(copying: built[stage]!)
    }

    /// The folder that holds the templates: one per test process, removed when it exits.
    static func templatesFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("escrow-cli-tests-templates-\(getpid())", isDirectory: true)
    }

    private static func build() async throws -> [Stage: Workspace] {
        let folder = templatesFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: PreparedDeals.templatesFolder()) }
        let deal = try Workspace(in: folder)
        try await deal.createReferenceEscrow().succeeded()
        for run in try await deal.generateKeys() { try run.succeeded() }
        for run in try await deal.registerKeys() { try run.succeeded() }
        for run in try await deal.depositSubscriptions() { try run.succeeded() }
        for run in try await deal.deliverClosingPapers() { try run.succeeded() }
        let awaitingWaiver = try Workspace(copying: deal, in: folder)

        try await deal.deliverWaiver().succeeded()
        try await deal.instructCompany().succeeded()
        for party in ReferenceDeal.signers where party != "purchaser-3" {
            try await deal.signReleaseNotice(party).succeeded()
        }
        let awaitingPurchaser3 = try Workspace(copying: deal, in: folder)

        try await deal.signReleaseNotice("purchaser-3", now: "2005-08-25T12:30:00-04:00").succeeded()
        return [.awaitingWaiver: awaitingWaiver, .awaitingPurchaser3: awaitingPurchaser3, .readyToRelease: deal]
    }
}
