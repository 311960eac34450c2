import Foundation

extension EscrowDecider {
    /// A command let through by a desk control: the control is checked (two distinct agent
    /// users; the right control for the command), then the command is decided as usual and
    /// the control is recorded first in the same append.
    static func approved(_ command: EscrowCommand, control: DeskControl, _ state: EscrowState, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireText(control.approvalID.rawValue, state, field: .approvalID)
        try requireText(control.maker.rawValue, state, field: .maker)
        try requireText(control.checker.rawValue, state, field: .checker)
        guard control.maker != control.checker else {
            throw EscrowRefusal(.makerIsChecker(user: control.maker.rawValue), in: state)
        }
        let party: PartyID?
        switch (command, control.kind) {
        case (.release, .makerChecker), (.refund, .makerChecker):
            party = nil
        case (.giveInstructions(let instructing, _, _), .callBack):
            try requireText(control.note ?? "", state, field: .callBackNote)
            party = instructing
        default:
            throw EscrowRefusal(.controlDoesNotApply(control.kind, command: command.name), in: state)
        }
        // The log decides a request once: a rejected request is never let through afterwards.
        if case .rejected(let rejection)? = state.deskDecision(of: control.approvalID) {
            throw EscrowRefusal(.approvalAlreadyDecided(rejection.control.approvalID, "rejected"), in: state)
        }
        let events = try decide(command, state, at: now)
        // The control is recorded under the clause of the command it let through.
        let clause = events.first.map { $0.clause(in: state) } ?? state.terms.citation(of: .deskControl)
        let recorded = DeskControlRecorded(control: control, command: command.name, party: party, clause: clause, at: now)
        return [.deskControlRecorded(recorded)] + events
    }
}
