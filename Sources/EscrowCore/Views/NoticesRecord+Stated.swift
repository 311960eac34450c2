public import Foundation

/// One recipient of a notice: where and how it was sent, and when the agreement deems it received.
public struct NoticeDelivery: Hashable, Sendable, Codable {
    /// The recipient.
    public var party: PartyID
    /// The recipient's name.
    public var name: String
    /// The address the notice went to, from the party's `address`.
    public var address: String
    /// How it was sent, from the party's `noticeMethod`.
    public var method: NoticeMethod
    /// When the notice is deemed received: on sending, or the stated number of business days
    /// after, on the agreement's calendar, at the hour it was sent.
    public var deemedReceivedAt: Date

    /// Creates a delivery.
    public init(party: PartyID, name: String, address: String, method: NoticeMethod, deemedReceivedAt: Date) {
        self.party = party
        self.name = name
        self.address = address
        self.method = method
        self.deemedReceivedAt = deemedReceivedAt
    }
}

extension AgreementTerms {
    /// Who receives notices of `kind`: the file's `notices.recipients`, or the engine's
    /// defaults (the company and every purchaser for the advice and the resignation; nobody
    /// beyond the parties a notice is about for the other kinds).
    public func noticeRecipients(_ kind: NoticeKind) -> [PartyID] {
        if let listed = notices?.recipients(of: kind) { return expand(listed) }
        switch kind {
        case .advice, .resignation: return [company?.id].compactMap { $0 } + purchasers.map(\.id)
        case .refund, .release, .dispute, .amendment, .jointInstructions: return []
        }
    }
}

extension EscrowState {
    /// When a notice sent at `sent` by `method` is deemed received under `rules`: on sending
    /// for zero business days, else that many business days after the sending date, at the
    /// same hour, in the agreement's time zone. A count the calendar cannot make (past its
    /// years) leaves the notice deemed received on sending.
    func deemedReceipt(sent: Date, by method: NoticeMethod, under rules: NoticeTerms) -> Date {
        let days = rules.deemedReceiptDays(method)
        guard days > 0 else { return sent }
        let zone = terms.calendar.timeZoneIdentifier
        let sentOn = CivilDate(instant: sent, timeZoneIdentifier: zone)
        guard let receivedOn = try? calendar.adding(businessDays: days, to: sentOn), let timeZone = TimeZone(identifier: zone) else {
            return sent
        }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = timeZone
        let clock = gregorian.dateComponents([.hour, .minute, .second, .nanosecond], from: sent)
        var parts = DateComponents()
        parts.year = receivedOn.year
        parts.month = receivedOn.month
        parts.day = receivedOn.day
        parts.hour = clock.hour
        parts.minute = clock.minute
        parts.second = clock.second
        parts.nanosecond = clock.nanosecond
        return gregorian.date(from: parts) ?? sent
    }

    /// The notices record when the agreement file states a `notices:` section: each notice
    /// with its kind, its recipients (the parties it is about and those the section names for
    /// its kind), and for each recipient the address, method and deemed receipt.
    func noticesRecord(as rules: NoticeTerms) -> [NoticeEntry] {
        var entries: [NoticeEntry] = []
        func add(_ kind: NoticeKind?, at: Date, about: [PartyID], subject: String, clause: String) {
            var recipients: [PartyID] = []
            for party in about + (kind.map { terms.noticeRecipients($0) } ?? []) where !recipients.contains(party) {
                recipients.append(party)
            }
            entries.append(
                NoticeEntry(
                    at: at, recipients: recipients.map(displayName), subject: subject, clause: clause, kind: kind,
                    deliveries: deliveries(recipients, sent: at, rules: rules)))
        }
        func party(_ payee: PayeeID) -> [PartyID] {
            if case .party(let id) = payee { [id] } else { [] }
        }
        if let advice {
            add(.advice, at: advice.at, about: advice.recipients, subject: "advice: \(advice.amount) received; every condition is in", clause: terms.cite(.advice))
        }
        for refund in refunds {
            for payment in refund.payments where !Self.isCounselPayment(payment) {
                add(
                    .refund, at: refund.at, about: party(payment.payee), subject: "refund of \(payment.amount) to \(payment.destination)",
                    clause: terms.cite(refund.courtDocket == nil ? .refund : .courtOrders))
            }
        }
        if let missed = refundDeadlineMissed {
            add(
                .refund, at: missed.at, about: terms.purchasers.map(\.id) + [terms.company?.id].compactMap { $0 },
                subject: "\(missed.condition) not received by \(missed.deadline); the funds are returned", clause: terms.cite(.refund))
        }
        for due in refundsFallenDue {
            for line in due.owed where line.destination == EscrowDecider.awaitingInstructions {
                add(
                    .refund, at: due.at, about: party(line.payee),
                    subject: "refund of \(line.amount) due, to be paid on your signed written wire instructions", clause: terms.cite(.refund))
            }
        }
        for resignation in resignations {
            add(.resignation, at: resignation.at, about: resignation.recipients, subject: "resignation: \(resignation.notice)", clause: terms.cite(.resignation))
        }
        if rules.recipients(of: .release) != nil {
            for disbursement in disbursements where disbursement.courtDocket == nil {
                let lines = disbursement.payments.map { "\($0.amount) to \(displayName(payee(of: $0)))" }.joined(separator: "; ")
                add(.release, at: disbursement.at, about: [], subject: "release of \(disbursement.total): \(lines)", clause: terms.cite(.release, .remainder))
            }
        }
        if rules.recipients(of: .dispute) != nil {
            for hold in holdsPlaced {
                let what = hold.amount.map { "\($0)" } ?? "all funds"
                add(.dispute, at: hold.at, about: hold.partiesConcerned, subject: "hold \(hold.holdID) on \(what): \(hold.reason)", clause: terms.cite(.dispute))
            }
            for lifted in liftedHolds.values.sorted(by: { $0.at < $1.at }) {
                add(.dispute, at: lifted.at, about: [], subject: "hold \(lifted.holdID) lifted by \(lifted.basis)", clause: terms.cite(.dispute))
            }
        }
        if rules.recipients(of: .amendment) != nil {
            for amendment in amendments.values.sorted(by: { $0.at < $1.at }) {
                add(
                    .amendment, at: amendment.at, about: amendment.requiredSigners,
                    subject: "\(Instrument.amendment(amendment.amendmentID).title(in: terms)) proposed: "
                        + amendment.changes.map(\.description).joined(separator: "; "),
                    clause: terms.cite(Instrument.amendment(amendment.amendmentID).citation(under: terms)))
            }
        }
        if rules.recipients(of: .jointInstructions) != nil {
            for proposal in jointInstructions.values.sorted(by: { $0.at < $1.at }) {
                let instrument = Instrument.jointInstructions(proposal.id)
                add(
                    .jointInstructions, at: proposal.at, about: proposal.requiredSigners + [proposal.payee],
                    subject: "\(instrument.title(in: terms)) proposed: \(proposal.amount) to \(displayName(proposal.payee))",
                    clause: terms.cite(instrument.citation(under: terms)))
            }
        }
        for notice in recordedNotices {
            let named = notice.recipients.compactMap { name in terms.parties.first { $0.name == name || $0.id.rawValue == name }?.id }
            entries.append(
                NoticeEntry(
                    at: notice.at, recipients: notice.recipients, subject: notice.subject, clause: notice.clause, kind: nil,
                    deliveries: deliveries(named, sent: notice.at, rules: rules)))
        }
        return entries.enumerated().sorted { $0.element.at != $1.element.at ? $0.element.at < $1.element.at : $0.offset < $1.offset }.map(\.element)
    }

    /// Address, method and deemed receipt for each recipient the agreement gives them for.
    func deliveries(_ recipients: [PartyID], sent: Date, rules: NoticeTerms) -> [NoticeDelivery] {
        recipients.compactMap { id in
            guard let party = terms.party(id), let address = party.address, let method = party.noticeMethod else { return nil }
            return NoticeDelivery(
                party: id, name: party.name, address: address, method: method, deemedReceivedAt: deemedReceipt(sent: sent, by: method, under: rules))
        }
    }
}
