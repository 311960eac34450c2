public import Foundation

/// An escrow deadline to show on the deal calendar, with who must act and who benefits.
public struct EscrowDeadlineEntry: Hashable, Sendable {
    /// The escrow's deadline id, e.g. `refund`.
    public var id: DeadlineID
    /// What must happen by then.
    public var title: String
    /// The escrow clause, e.g. `1.7`.
    public var clause: String
    /// The deadline.
    public var deadline: Deadline
    /// The day it was met, when it was.
    public var metOn: CivilDate?
    /// Who must act (names).
    public var obligated: [String]
    /// Who benefits (names).
    public var benefiting: [String]

    /// Builds an entry.
    public init(
        id: DeadlineID, title: String, clause: String, deadline: Deadline, metOn: CivilDate? = nil,
        obligated: [String] = [], benefiting: [String] = []
    ) {
        self.id = id
        self.title = title
        self.clause = clause
        self.deadline = deadline
        self.metOn = metOn
        self.obligated = obligated
        self.benefiting = benefiting
    }

    /// The deadlines an escrow's terms set before anything has happened (the 1.7 refund
    /// deadline), for a calendar drawn without the escrow's log.
    public static func deadlines(of terms: AgreementTerms) -> [DeadlineID: Deadline] {
        // Validated terms always count inside the calendar; others show no refund deadline.
        guard let refund = terms.refund,
            let date = try? BusinessCalendar(terms: terms.calendar).adding(
                businessDays: refund.businessDaysAfterAgreementDate, to: terms.dated)
        else { return [:] }
        return [
            EscrowState.refundDeadlineID: Deadline(
                date: date, cutoff: terms.calendar.cutoff, timeZoneIdentifier: terms.calendar.timeZoneIdentifier)
        ]
    }

    /// Entries for the deadlines an escrow state holds (the 1.7 refund deadline, and any
    /// further instrument's due date), with titles from its terms.
    public static func entries(
        deadlines: [DeadlineID: Deadline], terms: AgreementTerms, metOn: [DeadlineID: CivilDate] = [:]
    ) -> [EscrowDeadlineEntry] {
        deadlines.sorted { ($0.value.date, $0.key) < ($1.value.date, $1.key) }.map { id, deadline in
            var title = "Escrow deadline \(id)"
            var clause = "escrow"
            var obligated: [String] = []
            var benefiting: [String] = []
            if id == EscrowState.refundDeadlineID, let refund = terms.refund {
                let condition = terms.conditions.first { $0.id == refund.unlessCondition }
                title = "\(condition?.title ?? refund.unlessCondition.rawValue) received, else the subscription proceeds go back"
                clause = refund.clause
                obligated = [terms.company?.name].compactMap { $0 }
                benefiting = terms.purchasers.map(\.name)
            }
            return EscrowDeadlineEntry(
                id: id, title: title, clause: clause, deadline: deadline, metOn: metOn[id], obligated: obligated,
                benefiting: benefiting)
        }
    }
}

/// One line of the deal calendar.
public struct DealCalendarRow: Hashable, Sendable {
    /// Where the deadline comes from.
    public enum Source: String, Hashable, Sendable {
        /// The escrow agreement.
        case escrow
        /// The obligation instrument (the waiver).
        case obligations
    }

    /// Where a deadline stands.
    public enum Status: Hashable, Sendable {
        /// Not yet due (or due on a date that waits on another act).
        case pending
        /// Met on a date, on time.
        case met(on: CivilDate)
        /// Met on a date, after its due date.
        case metLate(on: CivilDate)
        /// Passed unmet.
        case missed
        /// The instrument terminated; nothing is owed under it.
        case void(since: CivilDate)
        /// A period (a waiver's, a warrant's exercise) ran out on this day.
        case ended(on: CivilDate)
    }

    /// A stable id, unique on the calendar: `escrow/refund`, `nir-waiver-2005/reverse-split`.
    public var id: String
    /// Where it comes from.
    public var source: Source
    /// The clause, as cited (`1.7`, `item 5`, `Schedule A 1`).
    public var clause: String
    /// What must happen.
    public var title: String
    /// The due date, when known.
    public var due: CivilDate?
    /// How the due date is set, when it is not yet known.
    public var dueRule: String
    /// Where it stands on the calendar's date.
    public var status: Status
    /// Business days from the calendar's date to the due date, for pending rows with a date.
    public var businessDaysRemaining: Int?
    /// Who must act (names).
    public var obligated: [String]
    /// Who benefits (names).
    public var benefiting: [String]
    /// Whether missing it triggers something beyond a flag.
    public var consequence: String
}

/// Every deadline across the escrow and the waiver, with status and business days remaining.
public struct DealCalendar: Hashable, Sendable {
    /// The date the statuses are as of.
    public var asOf: CivilDate
    /// The rows, by due date (undated rows last).
    public var rows: [DealCalendarRow]

    /// Builds the calendar from the escrow's deadlines and the waiver's state.
    public init(escrow: [EscrowDeadlineEntry], waiver: WaiverState, asOf: CivilDate) {
        self.asOf = asOf
        let terms = waiver.terms
        let calendar = terms.businessCalendar
        func remaining(_ due: CivilDate?, _ status: DealCalendarRow.Status) -> Int? {
            guard case .pending = status, let due, due >= asOf else { return nil }
            return try? calendar.businessDays(from: asOf, to: due)
        }
        var rows: [DealCalendarRow] = []
        for entry in escrow {
            let due = entry.deadline.date
            let status: DealCalendarRow.Status =
                if let met = entry.metOn, met <= asOf { met > due ? .metLate(on: met) : .met(on: met) }
                else if asOf > due { .missed } else { .pending }
            rows.append(
                DealCalendarRow(
                    id: "escrow/\(entry.id)", source: .escrow, clause: entry.clause, title: entry.title, due: due,
                    dueRule: "by \(entry.deadline)", status: status,
                    businessDaysRemaining: remaining(due, status), obligated: entry.obligated,
                    benefiting: entry.benefiting, consequence: "refund of the subscription proceeds"))
        }
        for obligation in terms.obligations {
            let due = waiver.dueDate(of: obligation)
            let status: DealCalendarRow.Status =
                switch waiver.status(of: obligation, asOf: asOf) {
                case .pending: .pending
                case .met(let on, _): .met(on: on)
                case .metLate(let on, _): .metLate(on: on)
                case .missed: .missed
                case .void(let since): .void(since: since)
                }
            rows.append(
                DealCalendarRow(
                    id: "\(terms.id)/\(obligation.id)", source: .obligations,
                    clause: terms.cite(obligation.clause), title: obligation.title, due: due,
                    dueRule: Damages.describe(obligation.due), status: status,
                    businessDaysRemaining: remaining(due, status),
                    obligated: terms.resolve(obligation.obligors).map(\.name),
                    benefiting: terms.resolve(obligation.beneficiaries).map(\.name),
                    consequence: Self.describe(obligation.consequence)))
        }
        for restriction in terms.restrictions where restriction.orBusinessDaysAfterDated != nil {
            guard let last = waiver.restrictionLastDay(restriction) else { continue }
            let status: DealCalendarRow.Status =
                if let terminated = waiver.terminated, terminated.on < asOf, terminated.on < last {
                    .void(since: terminated.on)
                } else if asOf > last { .ended(on: last) } else { .pending }
            rows.append(
                DealCalendarRow(
                    id: "\(terms.id)/\(restriction.id)", source: .obligations,
                    clause: terms.cite(restriction.clause), title: "End of period: \(restriction.title)",
                    due: last, dueRule: "earlier of \(restriction.untilPerformed) and "
                        + "\(restriction.orBusinessDaysAfterDated ?? 0) business days after the instrument's date",
                    status: status, businessDaysRemaining: remaining(last, status),
                    obligated: [], benefiting: terms.resolve(restriction.parties).map(\.name),
                    consequence: "the waived requirement applies again"))
        }
        let issuance = terms.obligations.first { if case .issuance = $0.performance { true } else { false } }
        if let issued = waiver.warrantsIssuedOn, let until = waiver.warrantsExercisableUntil, let issuance,
            case .issuance(let issue) = issuance.performance
        {
            let status: DealCalendarRow.Status = asOf > until ? .ended(on: until) : .pending
            let years = issue.exercisableYears.map { "\($0) years after issue" } ?? "as issued"
            rows.append(
                DealCalendarRow(
                    id: "\(terms.id)/\(issuance.id)-expiry", source: .obligations, clause: terms.cite(issuance.clause),
                    title: "Last day to exercise the \(issue.security) issued \(issued)", due: until,
                    dueRule: years, status: status,
                    businessDaysRemaining: remaining(until, status), obligated: [],
                    benefiting: terms.parties.filter { $0.role == .holder }.map(\.name),
                    consequence: "the warrants expire"))
        }
        self.rows = rows.enumerated().sorted { a, b in
            switch (a.element.due, b.element.due) {
            case (let x?, let y?): x != y ? x < y : a.offset < b.offset
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.offset < b.offset
            }
        }.map(\.element)
    }

    static func describe(_ consequence: Consequence) -> String {
        switch consequence {
        case .flag: "flagged to the parties"
        case .terminate(let instrument): "the \(instrument) terminates and is void"
        case .penalty(let amount, let days): "\(amount) for every \(days)-day period until performed"
        case .refund: "refund"
        }
    }

    /// The status as a short phrase: `pending`, `met on 2005-08-25`, `missed`.
    public static func describe(_ status: DealCalendarRow.Status) -> String {
        switch status {
        case .pending: "pending"
        case .met(let on): "met on \(on)"
        case .metLate(let on): "met late on \(on)"
        case .missed: "missed"
        case .void(let since): "void since \(since)"
        case .ended(let on): "ended on \(on)"
        }
    }

    /// One line per row: due date, clause, status, business days remaining, title.
    public func text() -> String {
        var lines = ["Deal calendar as of \(asOf)"]
        for row in rows {
            var status = Self.describe(row.status)
            if let days = row.businessDaysRemaining { status += ", \(days) business days remaining" }
            let due = row.due?.description ?? "(\(row.dueRule))"
            lines.append("\(due)  \(row.clause)  \(row.title) — \(status)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The calendar as an iCalendar file (RFC 5545): one all-day VEVENT per dated row, CRLF
    /// line endings, lines folded at 75 octets. `stamp` is the DTSTAMP of every event,
    /// passed in so the output depends on nothing but its inputs.
    public func icsText(stamp: Date, productID: String = "-//escrow//deal calendar//EN") -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(ICalendar.escape(productID))", "CALSCALE:GREGORIAN"]
        let dtstamp = ICalendar.utcStamp(stamp)
        for row in rows {
            guard let due = row.due else { continue }
            var description = "\(row.clause): \(row.title). Status as of \(asOf): \(Self.describe(row.status))."
            func sentence(_ label: String, _ names: [String]) -> String {
                let list = names.joined(separator: "; ")
                return " \(label): \(list)" + (list.hasSuffix(".") ? "" : ".")
            }
            if !row.obligated.isEmpty { description += sentence("Obligated", row.obligated) }
            if !row.benefiting.isEmpty { description += sentence("Benefiting", row.benefiting) }
            description += " If missed: \(row.consequence)."
            lines += [
                "BEGIN:VEVENT",
                "UID:\(ICalendar.escape(row.id))@escrow",
                "DTSTAMP:\(dtstamp)",
                "DTSTART;VALUE=DATE:\(ICalendar.basicDate(due))",
                "DTEND;VALUE=DATE:\(ICalendar.basicDate(due.adding(days: 1)))",
                "SUMMARY:\(ICalendar.escape("\(row.clause): \(row.title)"))",
                "DESCRIPTION:\(ICalendar.escape(description))",
                "STATUS:CONFIRMED",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendar.fold).joined(separator: "\r\n") + "\r\n"
    }
}

/// The pieces of RFC 5545 the deal calendar needs.
public enum ICalendar {
    /// `20050825` for a DATE value.
    public static func basicDate(_ date: CivilDate) -> String {
        date.description.replacingOccurrences(of: "-", with: "")
    }

    /// `20050818T140000Z` for a UTC DATE-TIME value, to the whole second.
    public static func utcStamp(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let dayNumber = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - dayNumber * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return basicDate(CivilDate(dayNumber: dayNumber)) + "T" + two(secondOfDay / 3600)
            + two(secondOfDay / 60 % 60) + two(secondOfDay % 60) + "Z"
    }

    /// TEXT escaping: backslash, semicolon, comma and newline.
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// Folds a content line so no physical line exceeds 75 octets (continuations start with a
    /// space, which counts), never splitting a UTF-8 sequence.
    public static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = pieces.isEmpty ? 75 : 74
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        pieces.append(current)
        return pieces.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }.joined(separator: "\r\n")
    }
}
