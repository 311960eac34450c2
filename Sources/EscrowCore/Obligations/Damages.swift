/// What a penalty obligation has cost so far, and how it was counted.
public struct DamagesStatement: Hashable, Sendable {
    /// The obligation the penalty runs on, e.g. `reverse-split`.
    public var obligation: String
    /// Its clause, e.g. `5`.
    public var clause: String
    /// The date it fell due.
    public var due: CivilDate
    /// The date it was performed, when it was by `asOf`.
    public var performedOn: CivilDate?
    /// The date the count runs to.
    public var asOf: CivilDate
    /// Calendar days after the due date up to performance (or `asOf`).
    public var daysLate: Int
    /// The reading the instrument chose.
    public var reading: PeriodReading
    /// Periods counted under that reading.
    public var periods: Int
    /// The amount owed under that reading.
    public var amount: Money
    /// The other reading, its periods and amount, shown beside the chosen one.
    public var otherReading: PeriodReading
    /// Periods under the other reading.
    public var otherPeriods: Int
    /// Amount under the other reading.
    public var otherAmount: Money
    /// How it was counted, one line per step, for anyone to check.
    public var explanation: [String]
}

/// The per-period damages of an obligation instrument ("$2,000 for every seven day period
/// until ... completed"), under either reading of "every period".
public enum Damages {
    /// Periods in `daysLate` days of `everyDays`-day periods: whole periods elapsed, or every
    /// period begun.
    public static func periods(daysLate: Int, everyDays: Int, reading: PeriodReading) -> Int {
        guard daysLate > 0, everyDays > 0 else { return 0 }
        switch reading {
        case .wholePeriods: return daysLate / everyDays
        case .periodsBegun: return (daysLate + everyDays - 1) / everyDays
        }
    }

    /// One statement per penalty obligation of the instrument, counted to `asOf`.
    ///
    /// `reading` overrides the file's choice; the other reading is always computed beside it.
    /// A penalty stops running on the day the obligation is performed; if the instrument
    /// terminated before the obligation fell due, nothing is owed under it.
    public static func compute(state: WaiverState, asOf: CivilDate, reading: PeriodReading? = nil) throws(MoneyError)
        -> [DamagesStatement]
    {
        let terms = state.terms
        let chosen = reading ?? terms.damagesReading
        let other: PeriodReading = chosen == .wholePeriods ? .periodsBegun : .wholePeriods
        var statements: [DamagesStatement] = []
        for obligation in terms.obligations {
            guard case .penalty(let perPeriod, let everyDays) = obligation.consequence,
                let due = state.dueDate(of: obligation)
            else { continue }
            let clause = terms.cite(obligation.clause)
            var lines = ["\(obligation.title) (\(clause)) was due by the end of \(due) (\(describe(obligation.due)))."]
            let performed = state.performedOn[obligation.id].flatMap { $0 <= asOf ? $0 : nil }
            var daysLate = 0
            if let terminated = state.terminated, terminated.on < due, performed == nil {
                lines.append(
                    "The \(terms.title) terminated at the close of \(terminated.on) under "
                        + "\(terms.cite(terminated.clause)); its provisions are void, so no damages run under \(clause).")
            } else {
                let end = performed ?? asOf
                daysLate = max(0, due.days(until: end))
                if let performed {
                    lines.append(
                        performed <= due
                            ? "Performed on \(performed), in time: nothing is owed."
                            : "Performed on \(performed): \(daysLate) days after \(due).")
                } else if daysLate > 0 {
                    lines.append("Not performed as of \(asOf): \(daysLate) days after \(due), and still running.")
                } else {
                    lines.append("Not yet due as of \(asOf): nothing is owed.")
                }
            }
            let chosenPeriods = periods(daysLate: daysLate, everyDays: everyDays, reading: chosen)
            let otherPeriods = periods(daysLate: daysLate, everyDays: everyDays, reading: other)
            let amount = try perPeriod.multiplied(by: Int64(chosenPeriods))
            let otherAmount = try perPeriod.multiplied(by: Int64(otherPeriods))
            if daysLate > 0 {
                lines.append(
                    "\(describe(chosen)) (the file's reading\(reading.map { $0 == terms.damagesReading ? "" : ", overridden" } ?? "")): "
                        + "\(arithmetic(daysLate, everyDays, chosen)) = \(chosenPeriods) × \(perPeriod) = \(amount).")
                lines.append(
                    "\(describe(other)) (the other reading): \(arithmetic(daysLate, everyDays, other)) = "
                        + "\(otherPeriods) × \(perPeriod) = \(otherAmount).")
            }
            statements.append(
                DamagesStatement(
                    obligation: obligation.id, clause: obligation.clause, due: due, performedOn: performed, asOf: asOf,
                    daysLate: daysLate, reading: chosen, periods: chosenPeriods, amount: amount,
                    otherReading: other, otherPeriods: otherPeriods, otherAmount: otherAmount, explanation: lines))
        }
        return statements
    }

    /// "whole periods elapsed" or "periods begun".
    public static func describe(_ reading: PeriodReading) -> String {
        switch reading {
        case .wholePeriods: "Whole periods elapsed"
        case .periodsBegun: "Periods begun"
        }
    }

    static func arithmetic(_ days: Int, _ every: Int, _ reading: PeriodReading) -> String {
        switch reading {
        case .wholePeriods: "\(days) days ÷ \(every), rounded down"
        case .periodsBegun: "\(days) days ÷ \(every), rounded up"
        }
    }

    static func describe(_ rule: DueRule) -> String {
        switch rule {
        case .on(let date): "on \(date)"
        case .afterDated(let span): "\(span) after the instrument's date"
        case .afterPerformance(let anchor, let span): "\(span) after \(anchor)"
        }
    }
}
