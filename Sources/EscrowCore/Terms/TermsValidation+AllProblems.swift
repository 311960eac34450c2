extension AgreementTermsValidator {
    /// Every section's first problem, not only the file's first, for `escrow check`.
    ///
    /// Each section is checked on its own. A section whose checks need another's result (the
    /// party index, the aggregate, the condition index) gets it built leniently when that
    /// section failed, or is skipped when no lenient answer exists (the disbursement without an
    /// aggregate). Last, ``validate()`` runs whole, so a rule added there and not here still
    /// shows up.
    func problems() -> [AgreementFileError] {
        var found: [AgreementFileError] = []
        func attempt<T>(_ check: () throws(AgreementFileError) -> T) -> T? {
            do {
                return try check()
            } catch {
                found.append(error)
                return nil
            }
        }
        _ = attempt(checkHeader)
        _ = attempt(checkCalendar)
        let parties =
            attempt(checkParties)
            ?? Dictionary(terms.parties.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        _ = attempt(checkOffering)
        let aggregate = attempt { () throws(AgreementFileError) in try checkSubscriptions(parties) }
        _ = attempt(checkDepositInstructions)
        let conditions =
            attempt { () throws(AgreementFileError) in try checkConditions(parties) }
            ?? Dictionary(terms.conditions.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        _ = attempt { () throws(AgreementFileError) in try checkReleaseInstrument(parties) }
        if let aggregate {
            _ = attempt { () throws(AgreementFileError) in try checkDisbursement(parties, aggregate: aggregate) }
        }
        _ = attempt { () throws(AgreementFileError) in try checkRefund(conditions) }
        _ = attempt(checkClauses)
        _ = attempt { () throws(AgreementFileError) in try checkInstruments(parties) }
        _ = attempt { () throws(AgreementFileError) in try checkNotices(parties) }
        do {
            try validate()
        } catch {
            if !found.contains(error) { found.append(error) }
        }
        return found
    }
}
