extension AgreementTermsValidator {
    /// Each percentage payment names a party, a purpose and a clause, caps at a positive
    /// amount, and together with the fixed payments the percentages of the aggregate
    /// subscription leave the remainder no less than zero.
    func checkPercentagePayments(_ parties: [PartyID: Int], aggregate: Money, fixed: Money) throws(AgreementFileError) {
        guard let payments = terms.disbursement.percentagePayments else { return }
        var total = fixed
        for (i, payment) in payments.enumerated() {
            let path = "disbursement.percentagePayments[\(i)]"
            _ = try reference(payment.payee, "\(path).payee", parties)
            guard payment.percent.millionths > 0 else {
                throw failure("\(path).percent", "a percentage payment must be more than 0 % (clause \(payment.clause))")
            }
            if let cap = payment.cap { try positive(cap, "\(path).cap", what: "cap") }
            try nonEmpty(payment.purpose, "\(path).purpose", what: "the purpose")
            try nonEmpty(payment.clause, "\(path).clause", what: "the clause")
            let amount: Money
            switch payment.base {
            case .aggregateSubscription: amount = payment.amount(on: aggregate)
            }
            do { total = try total.adding(amount) } catch {
                throw failure("disbursement.percentagePayments", "the payments add up to more than this engine can hold")
            }
        }
        if total > aggregate {
            throw failure(
                "disbursement.percentagePayments",
                "the fixed and percentage payments total \(total), more than the aggregate subscription \(aggregate), "
                    + "so they cannot be paid out of the escrow (clause \(payments.map(\.clause).joined(separator: ", ")))")
        }
    }
}
