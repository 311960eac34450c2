/// The agreement file format (`docs/agreement-format.md`) as a ``FormatSchema``: every key
/// ``AgreementFile`` reads, where it may appear, whether it is required, and what it means.
///
/// A key added to the parser must be added here too; `AgreementSchemaTests` fails until it is.
public enum AgreementSchema {
    /// The whole file.
    public static let root: FormatSchema = .mapping([
        FormatProperty("agreement", required: true, agreement, "Who and when: the agreement's id, title, date and currency."),
        FormatProperty(
            "calendar", calendar,
            "The calendar deadlines are counted on: a schedule's name alone (`calendar: target`), or a mapping. "
                + "Default: federal-reserve, America/New_York, end of day."),
        FormatProperty("parties", required: true, .list(party), "Everyone the agreement names: one company, one escrow agent, at least one purchaser."),
        FormatProperty("offering", offering, "The securities the subscriptions buy, when the agreement states them."),
        FormatProperty("subscriptions", required: true, .list(subscription), "One entry per purchaser: what it wires into escrow (1.2)."),
        FormatProperty("depositInstructions", required: true, depositInstructions, "The wire instructions shown to every purchaser (1.3)."),
        FormatProperty("conditions", required: true, .list(condition), "What must be in before the agent advises the funds received (1.2); may be empty."),
        FormatProperty("releaseInstrument", required: true, releaseInstrument, "The instrument whose execution releases the funds (1.4, Exhibit A)."),
        FormatProperty("disbursement", required: true, disbursement, "Who is paid what at release (1.5, 1.6)."),
        FormatProperty("refund", refund, "The automatic refund when a condition is not met in time (1.7); without it there is none."),
        FormatProperty("clauses", clauses, "How this agreement numbers the rules the engine runs; every citation uses these numbers."),
        FormatProperty(
            "instruments", instruments,
            "Title, clause and signers of amendments, successor appointments, settlements and joint written instructions; "
                + "without it the engine's default signers apply and there are no joint written instructions."),
        FormatProperty(
            "notices", notices,
            "Who receives each kind of notice and when a notice is deemed received; without it the notices record lists names only."),
    ])

    static let agreement: FormatSchema = .mapping([
        FormatProperty("id", required: true, .scalar(.id), "A short stable name for the agreement, e.g. roo-group-2005."),
        FormatProperty("title", required: true, .scalar(.text), "The agreement's title."),
        FormatProperty("dated", required: true, .scalar(.date), "The date it is made as of; business-day spans count from it (1.7)."),
        FormatProperty("currency", required: true, .scalar(.currency), "The ISO 4217 currency of every amount in the file."),
    ])

    static let calendarNames: FormatSchema = .choice(CalendarName.allCases.map(\.rawValue))

    static let calendar: FormatSchema = .either([
        calendarNames,
        .mapping([
            FormatProperty("name", calendarNames, "The holiday schedule: federal-reserve (default), nyse, target (TARGET2) or uk (England and Wales)."),
            FormatProperty("timeZone", .scalar(.text), "IANA time zone where deadlines fall; default America/New_York."),
            FormatProperty("cutoff", .scalar(.cutoff), "When on a deadline's date it closes: HH:MM, or end-of-day (the default)."),
            FormatProperty("closed", .list(.scalar(.date)), "Days the agreement closes beyond the schedule, e.g. a storm day."),
            FormatProperty("open", .list(.scalar(.date)), "Days the schedule closes that the agreement counts as business days."),
            FormatProperty("extraClosures", .list(.scalar(.date)), "The older name of `closed`; give one or the other."),
        ]),
    ])

    static let partyList: FormatSchema = .list(.scalar(.id))

    static let party: FormatSchema = .mapping([
        FormatProperty("id", required: true, .scalar(.id), "How the rest of the file refers to the party; unique; `purchasers` is reserved."),
        FormatProperty("name", required: true, .scalar(.text), "The party's legal name."),
        FormatProperty("role", required: true, .choice(PartyRole.allCases.map(\.rawValue)), "What the party may sign and see."),
        FormatProperty("address", .scalar(.text), "Where notices go (2.2)."),
        FormatProperty(
            "noticeMethod", .choice(NoticeMethod.allCases.map(\.rawValue)),
            "How notices reach the party: hand, email, courier, mail or fax; decides when a notice is deemed received."),
    ])

    static let offering: FormatSchema = .mapping([
        FormatProperty("security", required: true, .scalar(.text), "What is sold, e.g. common stock, par value $.0001."),
        FormatProperty("shares", required: true, .scalar(.wholeNumber), "Shares offered; positive."),
        FormatProperty("pricePerShare", required: true, .scalar(.amount), "Price of one share; positive."),
        FormatProperty("total", required: true, .scalar(.amount), "The stated total: shares times price, and the sum of the subscriptions."),
    ])

    static let subscription: FormatSchema = .mapping([
        FormatProperty("purchaser", required: true, .scalar(.id), "A party whose role is purchaser."),
        FormatProperty("shares", .scalar(.wholeNumber), "Shares bought; positive."),
        FormatProperty("amount", required: true, .scalar(.amount), "The subscription amount; positive."),
    ])

    static let depositInstructions: FormatSchema = .mapping([
        FormatProperty("bank", required: true, .scalar(.text), "The receiving bank."),
        FormatProperty("bankAddress", .scalar(.text), "The bank's address."),
        FormatProperty("routingNumber", required: true, .scalar(.text), "ABA routing number; quote it to keep leading zeros."),
        FormatProperty("accountName", required: true, .scalar(.text), "The escrow account's name."),
        FormatProperty("accountNumber", required: true, .scalar(.text), "The escrow account's number."),
        FormatProperty("reference", required: true, .scalar(.text), "What each purchaser quotes on its wire."),
    ])

    static let condition: FormatSchema = .mapping([
        FormatProperty("id", required: true, .scalar(.id), "Unique among conditions; refund.unless refers to it."),
        FormatProperty(
            "kind", required: true, .choice(["subscriptionFunds", "document", "counterparts"]),
            "subscriptionFunds: every subscription in; document: one copy from each party in `from`; counterparts: signature pages from each."),
        FormatProperty("title", required: true, .scalar(.text), "What the condition is, as the agreement names it."),
        FormatProperty("from", partyList, "Who delivers: party ids, or `purchasers` for every purchaser."),
        FormatProperty("clause", required: true, .scalar(.text), "The clause that imposes it, e.g. \"1.2\"."),
    ])

    static let releaseInstrument: FormatSchema = .mapping([
        FormatProperty("title", required: true, .scalar(.text), "E.g. Release Notice."),
        FormatProperty("clause", required: true, .scalar(.text), "E.g. \"1.4, Exhibit A\"."),
        FormatProperty("signers", required: true, partyList, "Whose execution makes it effective: party ids, or `purchasers`."),
        FormatProperty("text", required: true, .scalar(.text), "The text every counterpart signs."),
    ])

    static let disbursement: FormatSchema = .mapping([
        FormatProperty(
            "fixedPayments", required: true,
            .list(
                .mapping([
                    FormatProperty("payee", required: true, .scalar(.id), "Who is paid: a party id."),
                    FormatProperty("amount", required: true, .scalar(.amount), "How much; positive."),
                    FormatProperty("purpose", required: true, .scalar(.text), "Why, as the agreement puts it."),
                    FormatProperty("clause", required: true, .scalar(.text), "E.g. \"1.5\"."),
                ])),
            "Payments fixed by the agreement, made at release before the remainder (1.5); may be empty."),
        FormatProperty(
            "percentagePayments",
            .list(
                .mapping([
                    FormatProperty("payee", required: true, .scalar(.id), "Who is paid: a party id; paid only to its own signed wire instructions."),
                    FormatProperty("percent", required: true, .scalar(.percentage), "The rate in percent, e.g. \"7.5\"."),
                    FormatProperty("of", required: true, .choice(PaymentBase.allCases.map(\.rawValue)), "What the rate applies to."),
                    FormatProperty("cap", .scalar(.amount), "The most the payment can be, when the agreement caps it."),
                    FormatProperty(
                        "rounding", required: true, .choice(Rounding.allCases.map(\.rawValue)),
                        "How a share between two cents is rounded: down (the odd cent stays with the remainder), up (it goes to this payee), halfUp, halfEven."),
                    FormatProperty("purpose", required: true, .scalar(.text), "Why, as the agreement puts it."),
                    FormatProperty("clause", required: true, .scalar(.text), "The clause that provides for it."),
                ])),
            "Payments worked out as a percentage of a base, made at release after the fixed payments and before the remainder."),
        FormatProperty(
            "remainder", required: true,
            .mapping([
                FormatProperty("payee", required: true, .scalar(.id), "Who takes what is left: a party id, usually the company."),
                FormatProperty("clause", required: true, .scalar(.text), "E.g. \"1.6\"."),
            ]),
            "Who takes what is left, per its written instructions (1.6)."),
    ])

    static let refund: FormatSchema = .mapping([
        FormatProperty("unless", required: true, .scalar(.id), "The condition whose absence triggers the refund."),
        FormatProperty(
            "businessDaysAfterAgreementDate", required: true, .scalar(.wholeNumber),
            "Business days counted from agreement.dated on the file's calendar; 0 to 250."),
        FormatProperty("clause", required: true, .scalar(.text), "E.g. \"1.7\"."),
        FormatProperty(
            "toOriginatingAccount", .scalar(.boolean),
            "Whether a depositor who gave no written wire instructions may be refunded to the account its wire came from; false by default, so its refund is owed until its signed instructions are in."),
    ])

    static let clauses: FormatSchema = .mapping(
        Rule.allCases.map { rule in
            FormatProperty(rule.rawValue, .scalar(.text), "How this agreement cites its \(rule.words): the clause text, e.g. \"4.2\".")
        })
}

extension AgreementSchema {
    /// The JSON Schema text of `docs/agreement.schema.json`.
    public static var json: String {
        root.jsonSchema(
            title: "Escrow agreement file",
            summary: "An escrow agreement's terms as data: parties, subscriptions, conditions, release instrument, "
                + "disbursement, refund, calendar and clause numbering. See docs/agreement-format.md; "
                + "`escrow check FILE` reports every problem with its line.")
    }
}
