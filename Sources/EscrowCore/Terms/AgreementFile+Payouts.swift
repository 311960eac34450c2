internal import Yams

extension AgreementFileReader {
    /// `disbursement.percentagePayments`: each a payee, a percentage of a base, an optional cap,
    /// the rounding rule (which says where the odd cent goes), a purpose and a clause.
    mutating func readPercentagePayments(_ value: Located?, _ currency: Currency) throws(AgreementFileError)
        -> [PercentagePayment]?
    {
        guard let value else { return nil }
        var payments: [PercentagePayment] = []
        for item in try items(value) {
            let map = try fields(item, allowed: ["payee", "percent", "of", "cap", "rounding", "purpose", "clause"])
            let percentValue = try required(map, "percent")
            let literal = try text(percentValue)
            guard let percent = Percentage(percentText: literal) else {
                throw failure(
                    percentValue,
                    "'\(literal)' is not a percentage; write a number from 0 to 100 with at most \(Percentage.decimalsMax) decimals and no % sign")
            }
            var cap: Money? = nil
            if let capValue = optional(map, "cap") { cap = try money(capValue, currency) }
            payments.append(
                PercentagePayment(
                    payee: PartyID(try text(try required(map, "payee"))),
                    percent: percent,
                    base: try choice(try required(map, "of"), PaymentBase.allCases),
                    cap: cap,
                    rounding: try choice(try required(map, "rounding"), Rounding.allCases),
                    purpose: try text(try required(map, "purpose")),
                    clause: try text(try required(map, "clause"))))
        }
        return payments
    }
}
