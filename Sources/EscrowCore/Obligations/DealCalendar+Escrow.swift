import Foundation

extension WaiverState {
    /// The waiver as an escrow shows it on `asOf`: performed by the release payments that
    /// carried its prepayment (`EscrowInterplay`), plus any other `acts` (a split, an issue of
    /// warrants) on their days, with every deadline fired up to the end of `asOf`. An act the
    /// waiver refuses (too late, void) is left out, so its deadline shows as missed; the
    /// refusals come back beside the state.
    public static func derived(
        terms: ObligationTerms, escrow: EscrowState?, acts: [(CivilDate, WaiverCommand)] = [], asOf: CivilDate
    ) -> (state: WaiverState, refused: [(on: CivilDate, refusal: WaiverRefusal)]) {
        var refused: [(on: CivilDate, refusal: WaiverRefusal)] = []
        var steps: [(CivilDate, WaiverCommand)] = []
        if let escrow {
            for found in EscrowInterplay.prepayments(in: escrow, terms: terms) {
                steps.append((found.on, .pay(obligation: found.obligation, amount: found.amount)))
            }
        }
        steps += acts
        var state = WaiverState(terms: terms)
        let ordered = steps.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        for (day, command) in ordered where day <= asOf {
            let noon = Deadline(date: day, cutoff: TimeOfDay(hour: 12, minute: 0), timeZoneIdentifier: terms.calendar.timeZoneIdentifier).closesAt
            do {
                for event in try WaiverDecider.handle(command, state: state, at: noon) { state.apply(event) }
            } catch {
                refused.append((day, error))
            }
        }
        let endOfAsOf = Deadline(date: asOf, cutoff: nil, timeZoneIdentifier: terms.calendar.timeZoneIdentifier).closesAt
        for event in WaiverDecider.firedDeadlines(state, at: endOfAsOf.addingTimeInterval(-1)) { state.apply(event) }
        return (state, refused)
    }
}

extension DealCalendar {
    /// The calendar of an escrow and the obligation instrument linked to it, as of a date.
    public static func of(escrow: EscrowState, obligations terms: ObligationTerms, asOf: CivilDate) -> DealCalendar {
        let waiver = WaiverState.derived(terms: terms, escrow: escrow, asOf: asOf).state
        return DealCalendar(escrow: EscrowInterplay.escrowEntries(escrow, link: terms.escrowLink), waiver: waiver, asOf: asOf)
    }

    /// The rows that concern one party: those naming it as obligated or benefiting, and, for
    /// a party to the escrow itself, every escrow deadline.
    public func rows(concerning partyName: String, isEscrowParty: Bool) -> DealCalendar {
        var scoped = self
        scoped.rows = rows.filter { row in
            row.obligated.contains(partyName) || row.benefiting.contains(partyName) || (isEscrowParty && row.source == .escrow)
        }
        return scoped
    }
}
