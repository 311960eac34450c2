public import Foundation

/// The exceptions list for the desk: every credit the engine could not attribute by itself,
/// or attributed with a difference, open ones first, each resolved one with the decision and
/// the agent user who made it.
public struct BankExceptionsView: Encodable, Sendable {
    /// One exception.
    public struct Line: Encodable, Sendable {
        /// Its id, `X1`, `X2`, …
        public var id: String
        /// `unmatched`, `ambiguous`, `overpaid` or `underpaid`.
        public var kind: String
        /// Why it is on the list.
        public var reason: String
        /// The bank's entry reference.
        public var entryReference: String
        /// The amount, in minor units.
        public var amountMinorUnits: Int64
        /// The sender as the bank named it.
        public var sender: String?
        /// The remittance information as the bank reported it.
        public var remittance: String?
        /// The purchasers it was attributed to or could be.
        public var candidates: [String]
        /// When it went on the list.
        public var recordedAt: Date
        /// `open` or `resolved`.
        public var status: String
        /// The decision, in words, once resolved.
        public var resolution: String?
        /// The agent user who resolved it.
        public var resolvedBy: String?
        /// When it was resolved.
        public var resolvedAt: Date?
        /// The resolving user's note.
        public var note: String?
    }

    /// The escrow's currency.
    public var currency: String
    /// Open exceptions first, then resolved ones, each group in the order recorded.
    public var exceptions: [Line]

    /// The view of `state`.
    public init(_ state: EscrowState) {
        currency = state.currency.code
        let lines = state.bank.exceptions.map { exception in
            let resolved = state.bank.resolutions[exception.exceptionID]
            return Line(
                id: exception.exceptionID, kind: exception.kind.rawValue, reason: exception.kind.sentence, entryReference: exception.entry.reference,
                amountMinorUnits: exception.entry.amount.amountMinorUnits, sender: exception.entry.counterpartyName,
                remittance: exception.entry.remittance, candidates: exception.candidates.map(\.rawValue), recordedAt: exception.at,
                status: resolved == nil ? "open" : "resolved", resolution: resolved?.resolution.description, resolvedBy: resolved?.resolvedBy,
                resolvedAt: resolved?.at, note: resolved?.note)
        }
        exceptions = lines.filter { $0.status == "open" } + lines.filter { $0.status != "open" }
    }
}
