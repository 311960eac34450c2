import Foundation

extension EscrowDecider {
    /// A request rejected by a second agent user: checked like an approval (two distinct agent
    /// users, the right control for the command, a request not already decided), then recorded
    /// with the reason. The command itself is not decided: a request can be rejected whatever
    /// the agreement would say of it today, and nothing moves.
    static func rejected(
        _ command: EscrowCommand, control: DeskControl, reason: String, _ state: EscrowState, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireText(control.approvalID.rawValue, state, field: .approvalID)
        try requireText(control.maker.rawValue, state, field: .maker)
        try requireText(control.checker.rawValue, state, field: .checker)
        try requireText(reason, state, field: .rejectionReason)
        guard control.maker != control.checker else {
            throw EscrowRefusal(.makerIsChecker(user: control.maker.rawValue), in: state)
        }
        let party: PartyID?
        let clause: String
        switch (command, control.kind) {
        case (.release, .makerChecker):
            party = nil
            clause = state.terms.cite(.release, .remainder)
        case (.refund, .makerChecker):
            party = nil
            clause = state.terms.cite(.refund)
        case (.giveInstructions(let instructing, _, _), .callBack):
            party = instructing
            clause = state.terms.cite(.remainder, .refund)
        default:
            throw EscrowRefusal(.controlDoesNotApply(control.kind, command: command.name), in: state)
        }
        if let decided = state.deskDecision(of: control.approvalID) {
            throw EscrowRefusal(.approvalAlreadyDecided(control.approvalID, decided.word), in: state)
        }
        let rejected = DeskControlRejected(
            control: control, command: command.name, party: party, reason: reason.trimmingCharacters(in: .whitespacesAndNewlines),
            clause: clause, at: now)
        return [.deskControlRejected(rejected)]
    }
}

extension DeskDecision {
    /// `approved` or `rejected`, for refusals and answers.
    public var word: String {
        switch self {
        case .approved: "approved"
        case .rejected: "rejected"
        }
    }
}
