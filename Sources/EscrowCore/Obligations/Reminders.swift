public import Foundation

/// A notice about a deadline: who must act, to whom it goes, when, what, and the clause.
public struct DeadlineNotice: Hashable, Sendable {
    /// Whether the notice comes ahead of a deadline or on its miss.
    public enum Kind: Hashable, Sendable {
        /// Sent this many business days before the due date.
        case ahead(businessDays: Int)
        /// Sent the day after a deadline closed unmet.
        case missed
    }

    /// The date the notice goes out.
    public var date: CivilDate
    /// Ahead or missed.
    public var kind: Kind
    /// The calendar row it is about.
    public var rowID: String
    /// The clause, as cited.
    public var clause: String
    /// Who must act.
    public var obligated: [String]
    /// Everyone it is addressed to: the obligated and the benefiting parties.
    public var recipients: [String]
    /// What it says.
    public var text: String
}

/// Notices generated from the deal calendar: ahead of each deadline and on each miss.
public enum Reminders {
    /// Notices `before` business days ahead of each dated deadline someone must meet, unless met
    /// by then, and a notice the day after each missed one, sorted by date.
    public static func generate(
        calendar: DealCalendar, businessCalendar: BusinessCalendar, before: [Int] = [3, 1]
    ) -> [DeadlineNotice] {
        var notices: [DeadlineNotice] = []
        for row in calendar.rows {
            // Rows nobody must act on (a waiver period's end, an expiry) send no reminders.
            guard let due = row.due, !row.obligated.isEmpty else { continue }
            var recipients = row.obligated
            for name in row.benefiting where !recipients.contains(name) { recipients.append(name) }
            let metOn: CivilDate? =
                switch row.status {
                case .met(let on), .metLate(let on): on
                default: nil
                }
            let voidSince: CivilDate? = if case .void(let since) = row.status { since } else { nil }
            let who = row.obligated.isEmpty ? "" : " by \(row.obligated.joined(separator: "; "))"
            for days in Set(before).sorted(by: >) where days > 0 {
                // A reminder that would fall before the calendar's first year is not given.
                guard let date = try? businessCalendar.adding(businessDays: -days, to: due) else { continue }
                if let metOn, metOn <= date { continue }
                if let voidSince, voidSince < date { continue }
                notices.append(
                    DeadlineNotice(
                        date: date, kind: .ahead(businessDays: days), rowID: row.id, clause: row.clause,
                        obligated: row.obligated, recipients: recipients,
                        text: "Due \(due), in \(days) business day\(days == 1 ? "" : "s"): \(row.title)\(who) "
                            + "(\(row.clause)). If missed: \(row.consequence)."))
            }
            let missed: Bool =
                switch row.status {
                case .missed, .metLate: true
                default: false
                }
            if missed {
                notices.append(
                    DeadlineNotice(
                        date: due.adding(days: 1), kind: .missed, rowID: row.id, clause: row.clause,
                        obligated: row.obligated, recipients: recipients,
                        text: "Missed on \(due): \(row.title)\(who) (\(row.clause)). Consequence: \(row.consequence)."))
            }
        }
        return notices.enumerated().sorted { a, b in
            a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset
        }.map(\.element)
    }
}

extension Reminders {
    /// The reminders due by `asOf` as notices for the escrow's record (2.2), each with the
    /// stable id that makes it recorded once however often this runs. With `aheadSince`, a
    /// reminder ahead of a deadline that should have gone out before that date is left out
    /// (a reminder long after its moment is noise); a notice of a miss is always kept.
    public static func notices(
        calendar: DealCalendar, businessCalendar: BusinessCalendar, before: [Int] = [3, 1], asOf: CivilDate, aheadSince: CivilDate? = nil,
        at now: Date
    ) -> [NoticeRecorded] {
        generate(calendar: calendar, businessCalendar: businessCalendar, before: before).filter { notice in
            guard notice.date <= asOf else { return false }
            if case .ahead = notice.kind, let aheadSince, notice.date < aheadSince { return false }
            return true
        }.map { notice in
            let kind: String
            switch notice.kind {
            case .ahead(let days): kind = "ahead-\(days)"
            case .missed: kind = "missed"
            }
            return NoticeRecorded(
                noticeID: "\(notice.rowID)-\(kind)-\(notice.date)", recipients: notice.recipients, subject: notice.text, text: notice.text,
                clause: notice.clause, at: now)
        }
    }
}
