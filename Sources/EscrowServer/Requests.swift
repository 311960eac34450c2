import EscrowCore
import EscrowUsers
import Foundation

/// JSON bodies the routes accept; amounts are decimal strings, never floating point.
enum Body {
    struct CreateEscrow: Decodable { var id: String?; var agreement: String }
    struct RegisterKey: Decodable { var party: String; var publicKeyBase64: String }
    struct Deposit: Decodable { var bankReference: String; var purchaser: String?; var senderName: String?; var amount: String }
    struct Sign: Decodable { var instrument: String; var signer: String?; var signatureBase64: String?; var paperScanSHA256: String? }
    struct Account: Decodable { var accountName: String; var bank: String; var routingNumber: String; var accountNumber: String; var amount: String? }
    struct Instructions: Decodable { var party: String?; var lines: [Account]; var signatureBase64: String }
    struct Confirm: Decodable { var note: String? }
    struct Reject: Decodable { var reason: String }
    struct Hold: Decodable { var id: String; var amount: String?; var reason: String; var partiesConcerned: [String] }
    struct CourtPayment: Decodable { var payee: String; var amount: String; var destination: String }
    struct Directive: Decodable { var kind: String; var amount: String?; var holdId: String?; var payments: [CourtPayment]? }
    struct CourtOrder: Decodable { var docket: String; var court: String; var final: Bool; var documentSHA256: String; var directive: Directive }
    struct DepositWithCourt: Decodable { var court: String; var docket: String? }
    struct Warning: Decodable { var from: String?; var text: String }
    struct Amendment: Decodable {
        var id: String; var text: String; var extendDeadlines: [String: String]?; var fixedPayments: [String: String]?; var agentDuties: String?
    }
    struct CounselCosts: Decodable { var counsel: String; var amount: String; var invoiceSHA256: String }
    struct InstrumentRequest: Decodable { var id: String; var title: String; var from: [String]; var dueBy: String? }
    struct Resignation: Decodable { var notice: String }
    struct Successor: Decodable { var id: String; var name: String; var address: String? }
}

/// What a write answers: the events it recorded (or recorded first, on a replay).
struct CommandResult: Encodable {
    var escrow: String
    var command: String
    var replayed: Bool
    var events: [TimelineEntry]
}

/// What a write awaiting a second agent user answers.
struct ApprovalView: Encodable {
    var id: String
    var escrow: String
    var kind: String
    var command: String
    var maker: String
    var madeAt: Date
    var checker: String?
    var checkedAt: Date?
    var note: String?
    var status: String

    init(_ approval: PendingApproval, decision: DeskDecision? = nil) {
        id = approval.id.rawValue
        escrow = approval.escrowID
        kind = approval.kind.rawValue
        command = approval.command.name
        maker = approval.maker.rawValue
        madeAt = approval.madeAt
        checker = approval.checker?.rawValue
        checkedAt = approval.checkedAt
        note = approval.note
        switch decision {
        case .rejected(let rejection)?:
            status = "rejected"
            checker = rejection.control.checker.rawValue
            checkedAt = approval.checkedAt ?? rejection.at
            note = rejection.reason
        case .approved?: status = "executed"
        case nil: status = approval.checker == nil ? "pending" : "executed"
        }
    }
}
