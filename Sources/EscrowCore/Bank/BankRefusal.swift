/// Why the engine refused something the bank sent or something asked of the bank: a case of
/// ``EscrowRefusal/Cause/bank(_:)``.
public enum BankRefusal: Hashable, Sendable {
    /// No decided payment can go into a new file; `waiting` payments lack bank details.
    case nothingToExport(waiting: Int)
    /// The statement is for another account than the escrow account.
    case statementForOtherAccount(statement: String, escrow: String)
    /// An entry is in another currency than the escrow's.
    case entryCurrency(reference: String, currency: String, escrow: String)
    /// An entry's amount is zero or above the currency's ceiling.
    case entryAmount(reference: String)
    /// An entry has no reference to count it by.
    case entryWithoutReference
    /// A message holds more entries than ``Limits/bankEntriesPerFileMax``.
    case tooManyEntries(count: Int)
    /// A status report answers a payment file this escrow never exported.
    case unknownFile(String)
    /// A status report names a payment that is not in the file it answers.
    case unknownPayment(endToEndID: String, file: String)
    /// A status report gives a status code this engine does not know.
    case unknownStatusCode(code: String, endToEndID: String)
    /// No exception has this id.
    case noSuchException(String)
    /// The exception is already resolved.
    case exceptionAlreadyResolved(String, by: String)
    /// The resolution does not fit the exception (attributing money already recorded).
    case resolutionDoesNotFit(String, kind: BankExceptionKind)
    /// Money may be attributed only to a purchaser of the escrow.
    case notAPurchaser(PartyID)
    /// No statement with a closing booked balance has been imported.
    case noClosingBalance
    /// An ABA routing number fails its check digit.
    case routingNumberChecksum(String)
    /// An IBAN fails its mod-97 check, or is not shaped as one.
    case ibanInvalid(String)
    /// A BIC is not shaped as one.
    case bicInvalid(String)
    /// Bank details were given for a payee to whom no payment waits, or for a party, which
    /// gives its own signed instructions.
    case noPaymentWaitsFor(String)

    var kind: EscrowRefusal.Kind {
        switch self {
        case .statementForOtherAccount, .entryCurrency, .entryAmount, .entryWithoutReference, .tooManyEntries,
            .unknownStatusCode, .resolutionDoesNotFit, .notAPurchaser, .routingNumberChecksum, .ibanInvalid, .bicInvalid,
            .unknownPayment, .noPaymentWaitsFor:
            .invalid
        case .exceptionAlreadyResolved: .alreadyDone
        case .noSuchException, .unknownFile: .notFound
        case .nothingToExport, .noClosingBalance: .forbidden
        }
    }

    var rules: [Rule] {
        switch self {
        case .statementForOtherAccount, .entryCurrency, .entryAmount, .entryWithoutReference, .tooManyEntries,
            .noSuchException, .exceptionAlreadyResolved, .resolutionDoesNotFit, .notAPurchaser:
            [.depositInstructions]
        case .nothingToExport, .unknownFile, .unknownPayment, .unknownStatusCode, .noPaymentWaitsFor:
            [.release]
        case .noClosingBalance:
            [.escrowAccount]
        case .routingNumberChecksum, .ibanInvalid, .bicInvalid:
            [.remainder]
        }
    }

    var sentence: String {
        switch self {
        case .nothingToExport(let waiting):
            waiting == 0
                ? "no payment is waiting to go to the bank"
                : "no payment can go to the bank: \(waiting) payment(s) wait for the payee's signed bank details"
        case .statementForOtherAccount(let statement, let escrow):
            "the message is for account \(statement), not the escrow account \(escrow)"
        case .entryCurrency(let reference, let currency, let escrow):
            "entry \(reference) is in \(currency), the escrow is held in \(escrow)"
        case .entryAmount(let reference):
            "entry \(reference) has an amount that is zero or above the currency's ceiling"
        case .entryWithoutReference:
            "an entry has neither AcctSvcrRef nor NtryRef to count it by"
        case .tooManyEntries(let count):
            "the message holds \(count) entries, more than \(Limits.bankEntriesPerFileMax) (limit bankEntriesPerFileMax)"
        case .unknownFile(let file):
            "the status report answers payment file \(file), which this escrow never exported"
        case .unknownPayment(let id, let file):
            "the status report names payment \(id), which is not in payment file \(file)"
        case .unknownStatusCode(let code, let id):
            "status code '\(code)' for payment \(id) is not an ISO 20022 payment status this engine reads"
        case .noSuchException(let id):
            "there is no exception \(id)"
        case .exceptionAlreadyResolved(let id, let by):
            "exception \(id) was already resolved by agent user \(by)"
        case .resolutionDoesNotFit(let id, let kind):
            kind.isRecordedAsDeposit
                ? "exception \(id) is already recorded as the purchaser's deposit; it can only be accepted"
                : "exception \(id) holds money not yet attributed; attribute it to a purchaser, hold it for its sender or mark it not the escrow's"
        case .notAPurchaser(let party):
            "\(party) is not a purchaser of this escrow"
        case .noClosingBalance:
            "no statement with a closing booked balance has been imported yet"
        case .routingNumberChecksum(let routing):
            "routing number '\(routing)' fails the ABA check digit"
        case .ibanInvalid(let iban):
            "IBAN '\(iban)' fails the mod-97 check"
        case .noPaymentWaitsFor(let payee):
            "no payment waits for bank details of '\(payee)'; a party of the agreement gives its own signed instructions"
        case .bicInvalid(let bic):
            "BIC '\(bic)' is not 8 or 11 letters and digits in the ISO 9362 form"
        }
    }
}
