public import Foundation

/// The 2005 reference deal as a script: who does what, and when, from the opening of the
/// escrow to the disbursement (or, in the refund scenario, to the 1.7 refund).
///
/// One script, played by every front end: `escrow demo` and the store tests through
/// `EscrowService`, the command-line tests as `escrow` command lines, the HTTP tests as
/// requests. Each front end maps a ``Step`` to its own form; the parties, amounts, documents,
/// accounts and instants are written here once.
public enum ReferenceDeal {
    /// The escrow id the script opens, the agreement's own id.
    public static let escrowID: EscrowID = "roo-group-2005"

    /// An instant on the New York wall clock in August or September 2005, when New York kept
    /// daylight time (UTC-4) throughout: no time-zone database is consulted.
    public struct Instant: Hashable, Sendable, Comparable, CustomStringConvertible {
        /// The month of 2005, 8 (August) or 9 (September).
        public var month: Int
        /// The day of the month.
        public var day: Int
        /// The hour on New York's 24-hour clock.
        public var hour: Int
        /// The minute past the hour.
        public var minute: Int

        /// 2005-`month`-`day` at `hour`:`minute` in New York.
        public init(month: Int = 8, day: Int, hour: Int, minute: Int = 0) {
            self.month = month
            self.day = day
            self.hour = hour
            self.minute = minute
        }

        /// The instant as a `Date`.
        public var date: Date {
            // Days from 1970-01-01 to 2005-01-01, then the days of 2005 before the month.
            let daysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
            let dayNumber = 12_784 + daysBeforeMonth[(month - 1) % 12] + day - 1
            return Date(timeIntervalSince1970: TimeInterval(dayNumber * 86_400 + (hour + 4) * 3_600 + minute * 60))
        }

        /// ISO 8601 with New York's offset, as `--now` takes it: `2005-08-22T11:00:00-04:00`.
        public var description: String {
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "2005-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):00-04:00"
        }

        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            (lhs.month, lhs.day, lhs.hour, lhs.minute) < (rhs.month, rhs.day, rhs.hour, rhs.minute)
        }
    }

    /// A wire into the escrow account (1.1, 1.3).
    public struct Wire: Hashable, Sendable {
        /// The purchaser whose wire it is, reported as the wire's sender.
        public var purchaser: PartyID
        /// The amount as the bank reports it, in the agreement's currency: `3000000.00`.
        public var amount: String
        /// The bank's reference for the wire (1.3), e.g. `FW20050822001`; a wire reported again
        /// under it is the same deposit.
        public var bankReference: String
    }

    /// A document delivered towards a condition of 1.2; its bytes are `text` in UTF-8.
    public struct Delivery: Hashable, Sendable {
        /// The condition of 1.2 the document goes towards, e.g. `nir-waiver`.
        public var condition: ConditionID
        /// The party that delivers it; the condition counts one delivery from each party it names.
        public var from: PartyID
        /// The document's content; the agent identifies it by the SHA-256 of these bytes (2.10).
        public var text: String
        /// The document's bytes.
        public var data: Data { Data(text.utf8) }
    }

    /// One account of written wire instructions (1.6, 1.7); no amount means "the rest".
    public struct Account: Hashable, Sendable {
        /// The name on the account the money goes to.
        public var accountName: String
        /// The bank that holds the account.
        public var bank: String
        /// The bank's ABA routing number, as text.
        public var routingNumber: String
        /// The account number at that bank.
        public var accountNumber: String
        /// The decimal amount for this account, e.g. `3400000.00`; `nil` for the line that takes
        /// the rest.
        public var amount: String?

        /// The account as `escrow instruct --account` takes it: `name|bank|routing|account[|amount]`.
        public var commandLine: String {
            ([accountName, bank, routingNumber, accountNumber] + (amount.map { [$0] } ?? [])).joined(separator: "|")
        }

        /// The account as the engine records it.
        public var bankAccount: BankAccount {
            BankAccount(accountName: accountName, bank: bank, routingNumber: routingNumber, accountNumber: accountNumber)
        }

        /// The instruction line in `currency`.
        public func instructionLine(_ currency: Currency) throws(MoneyError) -> InstructionLine {
            InstructionLine(account: bankAccount, amount: try amount.map { text throws(MoneyError) in try Money.parse(text, currency) })
        }
    }

    /// One act of the deal.
    public enum Step: Hashable, Sendable {
        /// 1.1: the agent opens the escrow on the reference agreement.
        case open
        /// 2.8: the agent registers the signatory's Ed25519 key (generated by the player).
        case registerKey(PartyID)
        /// 1.1, 1.3: a wire arrives.
        case deposit(Wire)
        /// 1.2: a document arrives.
        case deliver(Delivery)
        /// 1.6, 1.7: a party's signed written wire instructions.
        case instruct(PartyID, [Account])
        /// 1.4, Exhibit A: a counterpart of the Release Notice, signed with the party's key.
        case signReleaseNotice(PartyID)
        /// 1.5, 1.6: the agent releases the funds.
        case release
        /// Time passes: deadlines that have closed fire (1.7).
        case tick
        /// 2.14: the agent retains all funds (no amount) or part of them during a dispute,
        /// until the parties concerned settle or a court finally orders.
        case hold(id: String, amount: String?, reason: String, parties: [PartyID])
        /// 2.14(2): the agent delivers the funds to a court.
        case depositWithCourt(court: String, docket: String?)
    }

    /// A step and the instant it happens.
    public struct TimedStep: Hashable, Sendable {
        /// The act.
        public var step: Step
        /// When it happens, on the New York clock.
        public var at: Instant
    }

    /// Where a played script stops.
    public enum Stage: Hashable, Sendable, CaseIterable {
        /// Opened, the signatories' keys registered, every purchaser's wire in; no documents.
        case funded
        /// Funded, keys registered, counterpart pages and closing documents in; no NIR Waiver.
        case awaitingWaiver
        /// Every condition met, the NIR Waiver last; the agent has advised the funds (1.2).
        case advised
        /// Every condition met and advised, the company's and the fee payees' instructions given,
        /// the Release Notice signed by everyone but Purchaser 3.
        case awaitingPurchaser3
        /// The Release Notice effective: the release is all that is left.
        case readyToRelease
        /// The funds disbursed (1.5, 1.6).
        case released
        /// The NIR Waiver never came; the 1.7 deadline passed and the refund fell due: Purchaser
        /// 2, whose written wire instructions were in, is paid back at once; the others are owed.
        case refunded
        /// After the 1.7 deadline, Purchasers 1, 3 and 4 deliver their written wire instructions
        /// on 2005-09-06 and each is paid back as its instructions arrive.
        case refundsPaid
    }

    /// Who signs the Release Notice (1.4, Exhibit A): the company and every purchaser.
    public static let signers: [PartyID] = ["company", "purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4"]

    /// One wire per purchaser, each in full, an hour apart on 2005-08-22.
    public static let wires: [(wire: Wire, at: Instant)] = [
        (Wire(purchaser: "purchaser-1", amount: "3000000.00", bankReference: "FW20050822001"), Instant(day: 22, hour: 11)),
        (Wire(purchaser: "purchaser-2", amount: "2499999.99", bankReference: "FW20050822002"), Instant(day: 22, hour: 12)),
        (Wire(purchaser: "purchaser-3", amount: "1500000.00", bankReference: "FW20050822003"), Instant(day: 22, hour: 13)),
        (Wire(purchaser: "purchaser-4", amount: "999999.99", bankReference: "FW20050822004"), Instant(day: 22, hour: 14)),
    ]

    /// A signer's counterpart signature page of the Transaction Documents (1.2).
    public static func counterpartPage(_ signer: PartyID) -> Delivery {
        Delivery(condition: "counterpart-signature-pages", from: signer, text: "Transaction Documents signature page of \(signer)")
    }

    /// The company's closing documents (1.2).
    public static let closingDocuments = Delivery(condition: "closing-documents", from: "company", text: "Closing documents under Article IV")

    /// The NIR Waiver of Exhibit B: the last condition of 1.2, and the one 1.7 waits for.
    public static let waiver = Delivery(condition: "nir-waiver", from: "nir-group", text: "Omnibus Consent and Waiver of 2005-08-18, executed")

    /// The company's written wire instructions (1.6): USD 3,400,000.00 to prepay the NIR
    /// Group's notes (Exhibit B), the rest to its operating account.
    public static let companyAccounts: [Account] = [
        Account(accountName: "AJW Offshore, Ltd. for the NIR Group", bank: "Bank of New York", routingNumber: "021000018", accountNumber: "8900112233", amount: "3400000.00"),
        Account(accountName: "ROO Group, Inc.", bank: "Citibank, N.A.", routingNumber: "021000089", accountNumber: "40012345", amount: nil),
    ]

    /// The fee payees of 1.5, each paid only to its own signed written wire instructions: Kramer
    /// Levin (the escrow agent itself), Sichenzia Ross and Burnham Hill, each with the account
    /// its instructions name and the instant they arrive on 2005-08-24, after the company's.
    public static let feeInstructions: [(payee: PartyID, accounts: [Account], at: Instant)] = [
        ("escrow-agent", [Account(accountName: "Kramer Levin Naftalis & Frankel LLP", bank: "Citibank, N.A.", routingNumber: "021000089", accountNumber: "50066677", amount: nil)], Instant(day: 24, hour: 11, minute: 15)),
        ("sichenzia", [Account(accountName: "Sichenzia Ross Friedman Ference LLP", bank: "JPMorgan Chase Bank, N.A.", routingNumber: "021000021", accountNumber: "600077788", amount: nil)], Instant(day: 24, hour: 11, minute: 30)),
        ("burnham-hill", [Account(accountName: "Pali Capital, Inc.", bank: "Bank of New York", routingNumber: "021000018", accountNumber: "7100223344", amount: nil)], Instant(day: 24, hour: 11, minute: 45)),
    ]

    /// When the agent registers the fee payees' keys, so their instructions can be relied on (2.8).
    public static let feePayeeKeysInstant = Instant(day: 24, hour: 11, minute: 10)

    /// Purchaser 2's written wire instructions for the return of its money (1.7).
    public static let purchaser2RefundAccounts: [Account] = [
        Account(accountName: "Purchaser 2", bank: "JPMorgan Chase Bank, N.A.", routingNumber: "021000021", accountNumber: "123456789", amount: nil)
    ]

    /// The written wire instructions Purchasers 1, 3 and 4 deliver after the refund fell due
    /// (1.7), each with the instant it arrives on 2005-09-06 (the first business day after
    /// Labor Day).
    public static let lateRefundInstructions: [(purchaser: PartyID, accounts: [Account], at: Instant)] = [
        ("purchaser-1", [Account(accountName: "Purchaser 1", bank: "Bank of America, N.A.", routingNumber: "026009593", accountNumber: "200011114444", amount: nil)], Instant(month: 9, day: 6, hour: 10)),
        ("purchaser-3", [Account(accountName: "Purchaser 3", bank: "Wells Fargo Bank, N.A.", routingNumber: "121000248", accountNumber: "300033336666", amount: nil)], Instant(month: 9, day: 6, hour: 11)),
        ("purchaser-4", [Account(accountName: "Purchaser 4", bank: "Citibank, N.A.", routingNumber: "021000089", accountNumber: "400044448888", amount: nil)], Instant(month: 9, day: 6, hour: 12)),
    ]

    /// When each signer executes its counterpart of the Release Notice on 2005-08-25.
    public static func signingInstant(_ signer: PartyID) -> Instant {
        let index = signers.firstIndex(of: signer) ?? 0
        return Instant(day: 25, hour: 10 + index / 2)
    }

    /// Purchaser 3 signs last, at 12:30, after a release tried at noon is refused for want of its counterpart.
    public static let lastSigningInstant = Instant(day: 25, hour: 12, minute: 30)

    /// When the agent releases the funds.
    public static let releaseInstant = Instant(day: 25, hour: 15)

    /// Just after the 1.7 deadline (the end of 2005-09-02 in New York) closes.
    public static let afterRefundDeadline = Instant(month: 9, day: 3, hour: 0)

    /// The script from the opening up to `stage`, in order.
    public static func steps(through stage: Stage) -> [TimedStep] {
        var steps: [TimedStep] = [TimedStep(step: .open, at: Instant(day: 19, hour: 9))]
        steps += signers.map { TimedStep(step: .registerKey($0), at: Instant(day: 19, hour: 10)) }
        steps += wires.map { TimedStep(step: .deposit($0.wire), at: $0.at) }
        if stage == .funded { return steps }
        steps += signers.map { TimedStep(step: .deliver(counterpartPage($0)), at: Instant(day: 23, hour: 10)) }
        steps.append(TimedStep(step: .deliver(closingDocuments), at: Instant(day: 23, hour: 14)))
        switch stage {
        case .funded, .awaitingWaiver:
            return steps
        case .refunded, .refundsPaid:
            steps.append(TimedStep(step: .instruct("purchaser-2", purchaser2RefundAccounts), at: Instant(day: 29, hour: 10)))
            steps.append(TimedStep(step: .tick, at: afterRefundDeadline))
            if stage == .refundsPaid {
                steps += lateRefundInstructions.map { TimedStep(step: .instruct($0.purchaser, $0.accounts), at: $0.at) }
            }
            return steps
        case .advised, .awaitingPurchaser3, .readyToRelease, .released:
            break
        }
        steps.append(TimedStep(step: .deliver(waiver), at: Instant(day: 24, hour: 9)))
        if stage == .advised { return steps }
        steps.append(TimedStep(step: .instruct("company", companyAccounts), at: Instant(day: 24, hour: 11)))
        steps += feeInstructions.map { TimedStep(step: .registerKey($0.payee), at: feePayeeKeysInstant) }
        steps += feeInstructions.map { TimedStep(step: .instruct($0.payee, $0.accounts), at: $0.at) }
        steps += signers.filter { $0 != "purchaser-3" }.map { TimedStep(step: .signReleaseNotice($0), at: signingInstant($0)) }
        if stage == .awaitingPurchaser3 { return steps }
        steps.append(TimedStep(step: .signReleaseNotice("purchaser-3"), at: lastSigningInstant))
        if stage == .readyToRelease { return steps }
        steps.append(TimedStep(step: .release, at: releaseInstant))
        return steps
    }
}
