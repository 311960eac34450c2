extension EscrowState {
    /// The parties the agreement pays at release (fixed, percentage and remainder payees, in
    /// that order) whose signed written wire instructions are not in yet; each is paid only to
    /// its own, so the release waits for all of them.
    public var payeesAwaitingInstructions: [PartyID] {
        terms.disbursement.payees.filter { instructions[$0] == nil }
    }
}
