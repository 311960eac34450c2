public import Foundation

/// Where the escrow and the waiver meet: the waiver's delivery meets the escrow's 1.7
/// deadline, and a release that pays the prepayment out of the 1.6 remainder performs
/// Schedule A 1.
public enum EscrowInterplay {
    /// A payment the escrow made that performs a payment obligation of the waiver.
    public struct PrepaymentFromRelease: Hashable, Sendable {
        /// The obligation performed, e.g. `prepayment-cash`.
        public var obligation: String
        /// The day of the release, in the waiver's zone.
        public var on: CivilDate
        /// The instant of the release.
        public var at: Date
        /// The amount paid.
        public var amount: Money
        /// Where it went, as the release recorded it.
        public var destination: String
    }

    /// The first release payment, under the escrow's remainder clause, of exactly the amount a
    /// remainder-payable obligation calls for, to an account named for one of the holders (or
    /// the holders' group), e.g. USD 3,400,000.00 to "AJW Offshore, Ltd. for the NIR Group".
    public static func prepayments(in escrow: EscrowState, terms: ObligationTerms) -> [PrepaymentFromRelease] {
        let holders = terms.parties.filter { $0.role == .holder }
        var found: [PrepaymentFromRelease] = []
        for obligation in terms.obligations where obligation.payableFromEscrowRemainder {
            guard case .payment(let owed) = obligation.performance else { continue }
            search: for disbursement in escrow.disbursements {
                for payment in disbursement.payments where payment.amount == owed {
                    if let clause = terms.escrowLink?.remainderClause, payment.clause != clause { continue }
                    let named = holders.contains {
                        payment.destination.contains($0.name) || payment.payee.description == $0.id.rawValue
                    }
                    guard named else { continue }
                    found.append(
                        PrepaymentFromRelease(
                            obligation: obligation.id,
                            on: CivilDate(instant: disbursement.at, timeZoneIdentifier: terms.calendar.timeZoneIdentifier),
                            at: disbursement.at, amount: payment.amount, destination: payment.destination))
                    break search
                }
            }
        }
        return found
    }

    /// The escrow's deadlines as calendar entries, the 1.7 deadline met on the day the linked
    /// condition (the waiver) was last delivered, if it was delivered in time.
    public static func escrowEntries(_ escrow: EscrowState, link: EscrowLink?) -> [EscrowDeadlineEntry] {
        var met: [DeadlineID: CivilDate] = [:]
        if let link, escrow.terms.refund?.unlessCondition == link.condition, escrow.isMet(link.condition),
            let last = escrow.documents.filter({ $0.condition == link.condition }).map(\.at).max()
        {
            met[EscrowState.refundDeadlineID] = CivilDate(
                instant: last, timeZoneIdentifier: escrow.terms.calendar.timeZoneIdentifier)
        }
        return EscrowDeadlineEntry.entries(deadlines: escrow.deadlines, terms: escrow.terms, metOn: met)
    }
}
