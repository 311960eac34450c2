extension AgreementSchema {
    static func instrument(_ what: String, signers: String) -> FormatSchema {
        .mapping([
            FormatProperty("title", .scalar(.text), "How the agreement names \(what)."),
            FormatProperty("clause", .scalar(.text), "The clause that provides for \(what); its counterparts and refusals cite it."),
            FormatProperty("signers", partyList, signers),
        ])
    }

    static let instruments: FormatSchema = .mapping([
        FormatProperty(
            "amendment",
            instrument(
                "an amendment or waiver",
                signers: "Who signs every amendment: party ids, or `purchasers`. Absent: the parties whose rights each change touches."),
            "Amendments and waivers."),
        FormatProperty(
            "successor",
            instrument("a successor escrow agent's appointment", signers: "Who appoints a successor. Absent: the company and every purchaser."),
            "The appointment of a successor escrow agent."),
        FormatProperty(
            "settlement",
            instrument("the settlement of a dispute", signers: "Who signs a settlement. Absent: the parties the dispute hold names."),
            "The written agreement that settles a dispute and lifts its hold."),
        FormatProperty(
            "jointInstructions",
            instrument(
                "joint written instructions", signers: "Who must sign joint written instructions, e.g. [buyer, seller]; required."),
            "Joint written instructions: the signers together direct the agent to pay a stated amount to a named payee."),
    ])

    static let notices: FormatSchema = .mapping([
        FormatProperty(
            "recipients",
            .mapping(
                NoticeKind.allCases.map { kind in
                    FormatProperty(kind.rawValue, partyList, "Who receives \(kind.rawValue) notices: party ids, or `purchasers`.")
                }),
            "Recipients per kind of notice; a kind left out goes to the engine's default recipients."),
        FormatProperty(
            "deemedReceipt",
            .mapping(
                NoticeMethod.allCases.map { method in
                    FormatProperty(
                        method.rawValue, .scalar(.wholeNumber),
                        "Business days after sending a notice by \(method.rawValue) is deemed received; 0 means on sending "
                            + "(default \(method.defaultDeemedReceiptDays)).")
                }),
            "When a notice is deemed received, by method, counted on the agreement's calendar."),
    ])
}
