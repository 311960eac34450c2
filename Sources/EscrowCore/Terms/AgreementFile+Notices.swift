import Yams

extension AgreementFileReader {
    /// The keys of a `notices:` mapping.
    static let noticeKeys = ["recipients", "deemedReceipt"]

    /// The `notices:` section, or `nil` when the file has none.
    mutating func readNotices(_ value: Located?) throws(AgreementFileError) -> NoticeTerms? {
        guard let value else { return nil }
        let map = try fields(value, allowed: Self.noticeKeys)
        var recipients: [NoticeRecipients] = []
        if let listed = optional(map, "recipients") {
            let byKind = try fields(listed, allowed: NoticeKind.allCases.map(\.rawValue))
            for kind in NoticeKind.allCases {
                if let parties = optional(byKind, kind.rawValue) {
                    recipients.append(NoticeRecipients(kind: kind, parties: try signers(parties)))
                }
            }
        }
        var deemed: [DeemedReceipt] = []
        if let rules = optional(map, "deemedReceipt") {
            let byMethod = try fields(rules, allowed: NoticeMethod.allCases.map(\.rawValue))
            for method in NoticeMethod.allCases {
                guard let days = optional(byMethod, method.rawValue) else { continue }
                let count = try wholeNumber(days)
                guard count >= 0, count <= Int64(Limits.noticeReceiptBusinessDaysMax) else {
                    throw failure(
                        days,
                        "\(count) business days is not a deemed-receipt rule; write 0 (on sending) to "
                            + "\(Limits.noticeReceiptBusinessDaysMax) (limit noticeReceiptBusinessDaysMax)")
                }
                deemed.append(DeemedReceipt(method: method, businessDays: Int(count)))
            }
        }
        return NoticeTerms(recipients: recipients, deemedReceipt: deemed)
    }
}
