/// How a party receives notices, as the agreement file's `parties[].noticeMethod` says.
public enum NoticeMethod: String, Hashable, Sendable, Codable, CaseIterable {
    /// Delivered by hand.
    case hand
    /// Sent by e-mail.
    case email
    /// Sent by overnight courier.
    case courier
    /// Sent by mail (certified or registered, postage prepaid).
    case mail
    /// Sent by fax.
    case fax

    /// Business days after sending that a notice is deemed received when the agreement
    /// states no rule: on delivery by hand, e-mail or fax, one business day by overnight
    /// courier, three by mail.
    public var defaultDeemedReceiptDays: Int {
        switch self {
        case .hand, .email, .fax: 0
        case .courier: 1
        case .mail: 3
        }
    }
}

/// The kinds of notice the agreement file's `notices.recipients` names recipients for.
public enum NoticeKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// The advice that every condition is in and the funds received.
    case advice
    /// The agent's resignation.
    case resignation
    /// A refund paid, or falling due and owed, and the missed deadline behind it.
    case refund
    /// A release of funds.
    case release
    /// A dispute hold placed, or lifted.
    case dispute
    /// An amendment put forward.
    case amendment
    /// Joint written instructions put forward.
    case jointInstructions
}

/// The agreement file's `notices:` section: who receives each kind of notice, and when a
/// notice sent by each method is deemed received.
///
/// `nil` on ``AgreementTerms/notices`` (no section) keeps the notices record exactly as it
/// always read: names only, no addresses, methods or deemed receipt.
public struct NoticeTerms: Hashable, Sendable, Codable {
    /// Recipients by kind of notice, in ``NoticeKind`` order; a kind not listed goes to the
    /// engine's default recipients.
    public var recipients: [NoticeRecipients]
    /// Business days after sending each method's notices are deemed received, in
    /// ``NoticeMethod`` order; a method not listed follows ``NoticeMethod/defaultDeemedReceiptDays``.
    public var deemedReceipt: [DeemedReceipt]

    /// Creates the section.
    public init(recipients: [NoticeRecipients], deemedReceipt: [DeemedReceipt]) {
        self.recipients = recipients
        self.deemedReceipt = deemedReceipt
    }

    /// The recipients the file names for `kind`, or `nil` when it names none.
    public func recipients(of kind: NoticeKind) -> [SignerReference]? {
        recipients.first { $0.kind == kind }?.parties
    }

    /// Business days after sending a notice by `method` is deemed received.
    public func deemedReceiptDays(_ method: NoticeMethod) -> Int {
        deemedReceipt.first { $0.method == method }?.businessDays ?? method.defaultDeemedReceiptDays
    }
}

/// Who receives one kind of notice.
public struct NoticeRecipients: Hashable, Sendable, Codable {
    /// The kind of notice.
    public var kind: NoticeKind
    /// Its recipients; `purchasers` means every purchaser.
    public var parties: [SignerReference]

    /// Creates one kind's recipients.
    public init(kind: NoticeKind, parties: [SignerReference]) {
        self.kind = kind
        self.parties = parties
    }
}

/// When a notice sent by one method is deemed received: `businessDays` after sending, on
/// the agreement's calendar, at the hour it was sent; zero means on sending.
public struct DeemedReceipt: Hashable, Sendable, Codable {
    /// The method.
    public var method: NoticeMethod
    /// Business days after sending; zero or more.
    public var businessDays: Int

    /// Creates one method's rule.
    public init(method: NoticeMethod, businessDays: Int) {
        self.method = method
        self.businessDays = businessDays
    }
}
