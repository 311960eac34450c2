public import Foundation

/// A control the escrow desk applies against wire fraud before a command runs: not a clause
/// of the agreement, but a record of who asked and who checked, kept in the hash-chained log
/// beside the command it let through.
public struct DeskControl: Hashable, Sendable, Codable {
    /// Which control was applied: maker and checker for a payment, or a call-back for bank details.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A release or refund: one agent user asks (maker), a different one approves (checker).
        case makerChecker = "maker-checker"
        /// Written wire instructions: a second agent user confirms them by calling the party
        /// back at a number already on file.
        case callBack = "call-back"
    }

    /// Which control this is.
    public var kind: Kind
    /// The desk's id of the request, e.g. `apr_1f2e…`.
    public var approvalID: ApprovalID
    /// The user who asked: an agent user for a payment; for bank details, whoever submitted
    /// them (the party's own user, or an agent user on its behalf).
    public var maker: UserID
    /// The agent user who checked; never the maker.
    public var checker: UserID
    /// For a call-back: whom the checker called, at which number on file, when.
    public var note: String?

    /// Creates the record of one applied control.
    public init(kind: Kind, approvalID: ApprovalID, maker: UserID, checker: UserID, note: String?) {
        self.kind = kind
        self.approvalID = approvalID
        self.maker = maker
        self.checker = checker
        self.note = note
    }
}

/// A desk control applied: recorded in the same append as the events of the command it let
/// through, so the log shows who asked for and who checked every payment and bank change.
public struct DeskControlRecorded: Hashable, Sendable, Codable {
    /// The control applied: its kind, the approval, the maker, the checker and any note.
    public var control: DeskControl
    /// The command the control let through, by ``EscrowCommand/name``.
    public var command: String
    /// The party whose bank details a call-back confirmed.
    public var party: PartyID?
    /// The clause of the command the control let through.
    public var clause: String
    /// When the checker let the command through; the command's own events carry the same instant.
    public var at: Date

    /// Creates the record of a control applied to a command.
    public init(control: DeskControl, command: String, party: PartyID?, clause: String, at: Date) {
        self.control = control
        self.command = command
        self.party = party
        self.clause = clause
        self.at = at
    }
}
