public import Foundation

/// Something that happened under an obligation instrument; the state is a fold over these.
public enum WaiverEvent: Hashable, Sendable {
    /// An obligation was performed on a date, with the amount paid for a payment.
    case performed(obligation: String, on: CivilDate, amount: Money?)
    /// A corporate act was completed; it performs every obligation that calls for it.
    case corporateActCompleted(CorporateAct, on: CivilDate)
    /// Warrants were issued; they perform the issuance obligation.
    case warrantsIssued(obligation: String, on: CivilDate, shares: Int64, exercisePrice: Money?, exercisableUntil: CivilDate?)
    /// An obligation's deadline closed unperformed.
    case deadlineMissed(obligation: String, due: CivilDate, clause: String)
    /// The instrument terminated at the close of `on`; its provisions are void.
    case instrumentTerminated(on: CivilDate, clause: String)
    /// A holder exercised warrants.
    case warrantsExercised(holder: PartyID, series: WarrantSeries, on: CivilDate)
    /// A holder converted notes.
    case notesConverted(holder: PartyID, on: CivilDate)
}

/// What a party asks to do under an obligation instrument.
public enum WaiverCommand: Hashable, Sendable {
    /// The company pays a payment obligation.
    case pay(obligation: String, amount: Money)
    /// The company completes a corporate act (a reverse split, an authorized-share increase).
    case completeCorporateAct(CorporateAct)
    /// The company issues the warrants an issuance obligation calls for.
    case issueWarrants(obligation: String, shares: Int64, exercisePrice: Money?)
    /// A holder exercises warrants.
    case exerciseWarrants(holder: PartyID, series: WarrantSeries)
    /// A holder converts notes.
    case convertNotes(holder: PartyID)
    /// Nothing but the passing of time: closed deadlines fire.
    case tick
}

/// Why a command under an obligation instrument was refused, citing the clause.
public struct WaiverRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The clause that refuses it, as cited: `item 4`, `Schedule A 2`.
    public var clause: String
    /// A plain sentence saying why.
    public var message: String

    /// Builds a refusal.
    public init(clause: String, message: String) {
        self.clause = clause
        self.message = message
    }

    /// `message (clause)`.
    public var description: String { "\(message) (\(clause))" }

}

/// An obligation's standing on a date.
public enum ObligationStatus: Hashable, Sendable {
    /// Not yet due, or due on a date not yet known (waiting on another obligation).
    case pending(due: CivilDate?)
    /// Performed on or before its due date.
    case met(on: CivilDate, due: CivilDate?)
    /// Due date passed unperformed.
    case missed(due: CivilDate)
    /// Performed after its due date.
    case metLate(on: CivilDate, due: CivilDate)
    /// The instrument terminated before it was performed; nothing is owed under it.
    case void(since: CivilDate)
}

/// How an instrument ended: at the close of a day, under a clause.
public struct Termination: Hashable, Sendable {
    /// The day at whose close it terminated.
    public var on: CivilDate
    /// The clause that terminated it, e.g. `8`.
    public var clause: String
}

/// A waiver's state: what has been performed, missed and done, folded from its events.
public struct WaiverState: Hashable, Sendable {
    /// The instrument's terms.
    public let terms: ObligationTerms
    /// Obligation id to the date it was performed (directly, by a corporate act or an issue).
    public private(set) var performedOn: [String: CivilDate] = [:]
    /// Obligation id to the amount paid, for payments.
    public private(set) var amountsPaid: [String: Money] = [:]
    /// Corporate acts completed, with their dates.
    public private(set) var corporateActs: [CorporateAct: CivilDate] = [:]
    /// Obligation id to the due date it missed.
    public private(set) var missed: [String: CivilDate] = [:]
    /// The day at whose close the instrument terminated, and the clause.
    public private(set) var terminated: Termination? = nil
    /// The Prepayment Warrants as issued: date and last day of exercise.
    public private(set) var warrantsIssuedOn: CivilDate? = nil
    /// The last day the issued warrants may be exercised.
    public private(set) var warrantsExercisableUntil: CivilDate? = nil
    /// Every event folded in, in order.
    public private(set) var events: [WaiverEvent] = []

    /// A state with nothing yet performed.
    public init(terms: ObligationTerms) {
        self.terms = terms
    }

    /// Folds a history.
    public static func fold(_ terms: ObligationTerms, _ events: some Sequence<WaiverEvent>) -> WaiverState {
        var state = WaiverState(terms: terms)
        for event in events { state.apply(event) }
        return state
    }

    /// Folds one event in.
    public mutating func apply(_ event: WaiverEvent) {
        events.append(event)
        switch event {
        case .performed(let obligation, let date, let amount):
            markPerformed(obligation, date)
            if let amount { amountsPaid[obligation] = amount }
        case .corporateActCompleted(let act, let date):
            if corporateActs[act] == nil { corporateActs[act] = date }
            for obligation in terms.obligations {
                if case .corporateAct(let acts) = obligation.performance, acts.contains(act) {
                    markPerformed(obligation.id, date)
                }
            }
        case .warrantsIssued(let obligation, let date, _, _, let until):
            markPerformed(obligation, date)
            warrantsIssuedOn = date
            warrantsExercisableUntil = until
        case .deadlineMissed(let obligation, let due, _):
            missed[obligation] = due
        case .instrumentTerminated(let date, let clause):
            if terminated == nil { terminated = Termination(on: date, clause: clause) }
        case .warrantsExercised, .notesConverted:
            break
        }
    }

    private mutating func markPerformed(_ obligation: String, _ date: CivilDate) {
        guard performedOn[obligation] == nil else { return }
        performedOn[obligation] = date
        for other in terms.obligations where other.satisfiedBy == obligation && performedOn[other.id] == nil {
            performedOn[other.id] = date
        }
    }

    /// Whether the instrument has terminated and its provisions are void.
    public var isVoid: Bool { terminated != nil }

    /// The date an obligation falls due, or `nil` while it waits on another obligation (or,
    /// for a span the calendar's years cannot hold, since no day inside them is its due date).
    public func dueDate(of obligation: Obligation) -> CivilDate? {
        let calendar = terms.businessCalendar
        switch obligation.due {
        case .on(let date): return date
        case .afterDated(let span): return try? span.end(from: terms.dated, calendar: calendar)
        case .afterPerformance(let anchor, let span):
            guard let start = performedOn[anchor] else { return nil }
            return try? span.end(from: start, calendar: calendar)
        }
    }

    /// The deadline an obligation's due date closes at, in the instrument's zone and cut-off.
    public func deadline(of obligation: Obligation) -> Deadline? {
        dueDate(of: obligation).map {
            Deadline(date: $0, cutoff: terms.calendar.cutoff, timeZoneIdentifier: terms.calendar.timeZoneIdentifier)
        }
    }

    /// Where an obligation stands on `asOf`.
    public func status(of obligation: Obligation, asOf: CivilDate) -> ObligationStatus {
        let due = dueDate(of: obligation)
        if let done = performedOn[obligation.id], done <= asOf {
            if let due, done > due { return .metLate(on: done, due: due) }
            return .met(on: done, due: due)
        }
        // What fell due after the termination is void; what fell due by then stays missed.
        if let terminated, terminated.on < asOf, due.map({ $0 > terminated.on }) ?? true {
            return .void(since: terminated.on)
        }
        if let due, asOf > due { return .missed(due: due) }
        return .pending(due: due)
    }

    /// The last day a restriction holds, when known: the day before its obligation is
    /// performed (a waived requirement, item 3, runs through that day: its period ends "the
    /// date the Prepayment is completed"), or its business-day limit, whichever is first.
    public func restrictionLastDay(_ restriction: Restriction) -> CivilDate? {
        var candidates: [CivilDate] = []
        if let done = performedOn[restriction.untilPerformed] {
            candidates.append(restriction.kind == .waivedRequirement ? done : done.adding(days: -1))
        }
        if let days = restriction.orBusinessDaysAfterDated,
            let limit = try? terms.businessCalendar.adding(businessDays: days, to: terms.dated)
        {
            candidates.append(limit)
        }
        return candidates.min()
    }

    /// Whether a restriction binds on `date`: the instrument stands and the restriction has
    /// not yet ended.
    public func restrictionBinds(_ restriction: Restriction, on date: CivilDate) -> Bool {
        if let terminated, terminated.on < date { return false }
        if let done = performedOn[restriction.untilPerformed],
            restriction.kind == .waivedRequirement ? done < date : done <= date
        {
            return false
        }
        // A limit past the calendar's years has not been reached on any day inside them.
        if let days = restriction.orBusinessDaysAfterDated,
            let limit = try? terms.businessCalendar.adding(businessDays: days, to: terms.dated), date > limit
        {
            return false
        }
        return true
    }
}

/// Decides commands under an obligation instrument: pure, time passed in.
public enum WaiverDecider {
    /// The events a command causes at `now`, or the refusal citing the clause that forbids it.
    ///
    /// Deadlines closed by `now` fire first (a miss, and a termination where the consequence is
    /// one); the command is then decided against the state they leave. A refused command records
    /// nothing, as in the escrow.
    public static func handle(_ command: WaiverCommand, state: WaiverState, at now: Date) throws(WaiverRefusal)
        -> [WaiverEvent]
    {
        let terms = state.terms
        let today = CivilDate(instant: now, timeZoneIdentifier: terms.calendar.timeZoneIdentifier)
        var working = state
        let events = firedDeadlines(working, at: now)
        for event in events { working.apply(event) }

        func record(_ event: WaiverEvent) -> [WaiverEvent] { events + [event] }
        func refuseIfVoid() throws(WaiverRefusal) {
            if let terminated = working.terminated {
                throw WaiverRefusal(
                    clause: terms.cite(terminated.clause),
                    message: "the \(terms.title) terminated at the close of \(terminated.on) and its provisions are void")
            }
        }
        func holder(_ id: PartyID) throws(WaiverRefusal) {
            guard terms.party(id)?.role == .holder else {
                throw WaiverRefusal(clause: "preamble", message: "'\(id)' is not one of the Holders")
            }
        }
        func restriction(_ kind: Restriction.Kind) -> Restriction? {
            terms.restrictions.first { $0.kind == kind && working.restrictionBinds($0, on: today) }
        }

        switch command {
        case .tick:
            return events

        case .pay(let id, let amount):
            guard let obligation = terms.obligation(id), case .payment(let owed) = obligation.performance else {
                throw WaiverRefusal(clause: terms.title, message: "'\(id)' is not a payment obligation of the \(terms.title)")
            }
            try refuseIfVoid()
            let clause = terms.cite(obligation.clause)
            if let done = working.performedOn[id] {
                throw WaiverRefusal(clause: clause, message: "\(obligation.title) was already made on \(done)")
            }
            guard amount == owed else {
                throw WaiverRefusal(clause: clause, message: "the payment is \(owed), not \(amount)")
            }
            return record(.performed(obligation: id, on: today, amount: amount))

        case .completeCorporateAct(let act):
            try refuseIfVoid()
            if let done = working.corporateActs[act] {
                let clause = terms.obligations.first {
                    if case .corporateAct(let acts) = $0.performance { acts.contains(act) } else { false }
                }.map { terms.cite($0.clause) } ?? terms.title
                throw WaiverRefusal(clause: clause, message: "the \(act.rawValue) was already completed on \(done)")
            }
            return record(.corporateActCompleted(act, on: today))

        case .issueWarrants(let id, let shares, let price):
            guard let obligation = terms.obligation(id), case .issuance(let issue) = obligation.performance else {
                throw WaiverRefusal(clause: terms.title, message: "'\(id)' is not an issuance obligation of the \(terms.title)")
            }
            try refuseIfVoid()
            let clause = terms.cite(obligation.clause)
            if let done = working.performedOn[id] {
                throw WaiverRefusal(clause: clause, message: "the \(issue.security) were already issued on \(done)")
            }
            if case .afterPerformance(let anchor, _) = obligation.due, working.performedOn[anchor] == nil {
                let anchorClause = terms.obligation(anchor).map { terms.cite($0.clause) } ?? anchor
                throw WaiverRefusal(
                    clause: clause,
                    message: "the \(issue.security) are issued after \(anchor) (\(anchorClause)), which is not yet completed")
            }
            guard shares == issue.shares else {
                throw WaiverRefusal(clause: clause, message: "the \(issue.security) cover \(issue.shares) shares, not \(shares)")
            }
            guard price == issue.exercisePrice else {
                let owed = issue.exercisePrice.map(\.description) ?? "none"
                let given = price.map(\.description) ?? "none"
                throw WaiverRefusal(clause: clause, message: "the exercise price is \(owed) per share, not \(given)")
            }
            let until = issue.exercisableYears.map { today.addingYears($0) }
            return record(
                .warrantsIssued(obligation: id, on: today, shares: shares, exercisePrice: price, exercisableUntil: until))

        case .exerciseWarrants(let party, let series):
            try holder(party)
            guard let declared = terms.series(series) else {
                throw WaiverRefusal(clause: terms.title, message: "'\(series)' is not a warrant series of the \(terms.title)")
            }
            if let issuer = declared.issuedBy {
                let clause = terms.obligation(issuer).map { terms.cite($0.clause) } ?? terms.title
                guard let issued = working.performedOn[issuer] else {
                    throw WaiverRefusal(clause: clause, message: "the \(declared.title) have not been issued")
                }
                if let until = working.warrantsExercisableUntil, today > until {
                    throw WaiverRefusal(
                        clause: clause,
                        message: "the \(declared.title) issued on \(issued) were exercisable until \(until)")
                }
            }
            if let binding = terms.restrictions.first(where: {
                $0.kind == .noWarrantExercise && working.restrictionBinds($0, on: today)
                    && ($0.series.isEmpty ? declared.issuedBy == nil : $0.series.contains(series))
            }) {
                throw WaiverRefusal(clause: terms.cite(binding.clause), message: binding.refusalSentence)
            }
            return record(.warrantsExercised(holder: party, series: series, on: today))

        case .convertNotes(let party):
            try holder(party)
            if let binding = restriction(.noConversion) {
                throw WaiverRefusal(clause: terms.cite(binding.clause), message: binding.refusalSentence)
            }
            return record(.notesConverted(holder: party, on: today))
        }
    }

    /// Misses and terminations for deadlines that closed by `now` and have not fired yet.
    public static func firedDeadlines(_ state: WaiverState, at now: Date) -> [WaiverEvent] {
        var working = state
        var events: [WaiverEvent] = []
        // Deadlines fire in date order, so a termination stops the ones after it.
        let due = state.terms.obligations.compactMap { obligation in
            working.deadline(of: obligation).map { (obligation, $0) }
        }.sorted { $0.1.date < $1.1.date }
        for (obligation, deadline) in due {
            guard working.performedOn[obligation.id] == nil, working.missed[obligation.id] == nil,
                !working.isVoid, deadline.isMissed(at: now)
            else { continue }
            var fired: [WaiverEvent] = [
                .deadlineMissed(obligation: obligation.id, due: deadline.date, clause: obligation.clause)
            ]
            if case .terminate = obligation.consequence {
                fired.append(.instrumentTerminated(on: deadline.date, clause: obligation.clause))
            }
            for event in fired { working.apply(event) }
            events += fired
        }
        return events
    }
}

extension Restriction {
    /// The sentence an act the restriction forbids is refused with: the file's `refusal`, or
    /// its title.
    var refusalSentence: String { refusal ?? "\(title): it binds until \(untilPerformed) is performed" }
}

extension CivilDate {
    /// The same month and day `years` later; 29 February becomes 28 February in a common year.
    public func addingYears(_ years: Int) -> CivilDate {
        let year = self.year + years
        return CivilDate(year: year, month: month, day: min(day, CivilDate.daysIn(month: month, year: year)))!
    }
}
