import Foundation

extension EscrowDecider {
    /// The clause cited by refusals of a desk control: the desk's own rule, not the agreement's.
    static let deskControlClause = "desk control"

    /// A command let through by a desk control: the control is checked (two distinct agent
    /// users; the right control for the command), then the command is decided as usual and
    /// the control is recorded first in the same append.
    static func approved(_ command: EscrowCommand, control: DeskControl, _ state: EscrowState, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        let clause = deskControlClause
        try requireText(control.approvalID.rawValue, field: "approval id", clause: clause)
        try requireText(control.maker.rawValue, field: "maker", clause: clause)
        try requireText(control.checker.rawValue, field: "checker", clause: clause)
        guard control.maker != control.checker else {
            throw EscrowRefusal(clause: clause, "agent user \(control.maker) made the request and cannot also check it; a second agent user must")
        }
        let party: PartyID?
        switch (command, control.kind) {
        case (.release, .makerChecker), (.refund, .makerChecker):
            party = nil
        case (.giveInstructions(let instructing, _, _), .callBack):
            try requireText(control.note ?? "", field: "call-back note", clause: clause)
            party = instructing
        default:
            throw EscrowRefusal(.invalid, clause: clause, "a \(control.kind.rawValue) control does not apply to \(command.name)")
        }
        let events = try decide(command, state, at: now)
        let recorded = DeskControlRecorded(
            control: control, command: command.name, party: party, clause: events.first?.clause ?? clause, at: now)
        return [.deskControlRecorded(recorded)] + events
    }
}
