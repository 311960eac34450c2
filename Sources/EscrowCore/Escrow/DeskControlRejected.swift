public import Foundation

/// A request refused by the second agent user: a release or refund that must not run, or
/// bank details the call-back did not confirm. Recorded in the log so it shows who refused
/// what and why; the request is no longer pending and the money stays held.
public struct DeskControlRejected: Hashable, Sendable, Codable {
    /// The control refused: its kind, the approval, the maker, and the agent user who
    /// rejected it (as `checker`; never the maker).
    public var control: DeskControl
    /// The command that was not let through, by ``EscrowCommand/name``.
    public var command: String
    /// The party whose bank details were not confirmed.
    public var party: PartyID?
    /// Why the checker refused it, in the checker's words.
    public var reason: String
    /// The clause of the command that was not let through.
    public var clause: String
    /// When the checker refused it.
    public var at: Date

    /// Creates the record of a refused request.
    public init(control: DeskControl, command: String, party: PartyID?, reason: String, clause: String, at: Date) {
        self.control = control
        self.command = command
        self.party = party
        self.reason = reason
        self.clause = clause
        self.at = at
    }
}

extension EscrowState {
    /// How the second agent user decided an approval, as the log records it: approved (the
    /// control was recorded with the command it let through), rejected, or nil while it waits.
    public func deskDecision(of approvalID: ApprovalID) -> DeskDecision? {
        if let approved = deskControls.first(where: { $0.control.approvalID == approvalID }) { return .approved(approved) }
        if let rejected = deskRejections.first(where: { $0.control.approvalID == approvalID }) { return .rejected(rejected) }
        return nil
    }
}

/// The second agent user's decision on a request, as recorded in the log.
public enum DeskDecision: Hashable, Sendable {
    /// Approved: the command ran, with the control recorded beside it.
    case approved(DeskControlRecorded)
    /// Rejected: nothing ran; the reason is in the log.
    case rejected(DeskControlRejected)
}
