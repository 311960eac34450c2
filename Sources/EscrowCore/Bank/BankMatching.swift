import Foundation

/// Attributes an incoming credit to a purchaser: by the remittance reference first, then by
/// the ordering party together with the amount still outstanding.
public enum BankMatching {
    /// What a credit was matched to.
    public enum Match: Hashable, Sendable {
        /// One purchaser, and how it was found.
        case purchaser(PartyID, by: Basis)
        /// More than one purchaser could be meant, or the one named does not fit the amount.
        case ambiguous([PartyID])
        /// Nothing on the entry names a purchaser.
        case none
    }

    /// How a match was made.
    public enum Basis: String, Hashable, Sendable {
        /// The remittance information names the purchaser's id.
        case remittanceReference
        /// The ordering party is the purchaser and the amount is what it still owes.
        case orderingPartyAndAmount
    }

    /// Matches `entry` against the purchasers of `state`.
    public static func match(_ entry: BankEntry, _ state: EscrowState) -> Match {
        Matcher(state).match(entry, state)
    }

    /// The purchasers' ids and names as matching compares them, prepared once for all the
    /// entries of a statement (the purchasers do not change while one is imported).
    struct Matcher {
        let purchasers: [PartyID]
        /// Each purchaser's id, lower-case, as UTF-8.
        let ids: [[UInt8]]
        /// Each purchaser's id, lower-case.
        let idTexts: [String]
        /// Each purchaser's name, normalized.
        let names: [String]

        init(_ state: EscrowState) {
            purchasers = state.terms.subscriptions.map(\.purchaser)
            idTexts = purchasers.map { $0.rawValue.lowercased() }
            ids = idTexts.map { Array($0.utf8) }
            names = purchasers.map { BankMatching.normalized(state.displayName($0)) }
        }

        func match(_ entry: BankEntry, _ state: EscrowState) -> Match {
            if let remittance = entry.remittance {
                let named = self.named(in: remittance)
                if named.count == 1, let only = named.first { return .purchaser(only, by: .remittanceReference) }
                if named.count > 1 { return .ambiguous(named) }
            }
            guard let sender = entry.counterpartyName.map(BankMatching.normalized), !sender.isEmpty else { return .none }
            let byName = purchasers.indices.filter { names[$0] == sender || idTexts[$0] == sender }.map { purchasers[$0] }
            guard !byName.isEmpty else { return .none }
            let fitting = byName.filter { outstanding($0, state) == entry.amount.amountMinorUnits }
            if fitting.count == 1, let only = fitting.first { return .purchaser(only, by: .orderingPartyAndAmount) }
            return .ambiguous(byName)
        }

        /// The purchasers whose id is a word of `remittance`, in the order of the terms.
        func named(in remittance: String) -> [PartyID] {
            let utf8 = remittance.utf8
            // Text beyond ASCII has letters and digits of other scripts: the general rule decides.
            guard utf8.allSatisfy({ $0 < 0x80 }) else {
                let words = Set(tokens(remittance))
                return purchasers.indices.filter { words.contains(idTexts[$0]) }.map { purchasers[$0] }
            }
            var found: [Bool]? = nil
            var start = utf8.startIndex
            while start != utf8.endIndex {
                guard Self.isWordByte(utf8[start]) else {
                    start = utf8.index(after: start)
                    continue
                }
                var end = start
                while end != utf8.endIndex, Self.isWordByte(utf8[end]) { end = utf8.index(after: end) }
                let word = utf8[start..<end]
                for (offset, id) in ids.enumerated() where id.count == word.count && Self.equalIgnoringASCIICase(word, id) {
                    if found == nil { found = Array(repeating: false, count: ids.count) }
                    found?[offset] = true
                }
                start = end
            }
            guard let found else { return [] }
            return purchasers.indices.filter { found[$0] }.map { purchasers[$0] }
        }

        private static func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
        }

        /// `word` in any case equals `lowercased`, a lower-case id.
        private static func equalIgnoringASCIICase(_ word: Substring.UTF8View, _ lowercased: [UInt8]) -> Bool {
            var offset = 0
            for byte in word {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                if lower != lowercased[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    /// What `purchaser` still owes of its subscription, in minor units (never below zero).
    static func outstanding(_ purchaser: PartyID, _ state: EscrowState) -> Int64 {
        guard let subscription = state.terms.subscription(of: purchaser) else { return 0 }
        return max(0, subscription.amount.amountMinorUnits - state.deposited(by: purchaser).amountMinorUnits)
    }

    /// Lower-case words of letters, digits and hyphens: `purchaser-2` stays one word.
    static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init)
    }

    /// A name compared without case, punctuation or repeated spaces.
    static func normalized(_ name: String) -> String {
        tokens(name.replacingOccurrences(of: "-", with: " ")).joined(separator: " ")
    }
}

/// What goes into a payment file: the escrow account paid from, and each creditor's account
/// from its signed, called-back instructions.
public enum BankExport {
    /// The escrow account of the agreement's deposit instructions: in a EUR escrow the account
    /// number is its IBAN and the routing field its BIC.
    public static func escrowAccount(_ state: EscrowState) -> BankAccountIdentification {
        let account = state.terms.depositInstructions
        return identification(
            BankAccount(accountName: account.accountName, bank: account.bank, routingNumber: account.routingNumber, accountNumber: account.accountNumber),
            currency: state.currency)
    }

    static func identification(_ account: BankAccount, currency: Currency) -> BankAccountIdentification {
        if currency.code == "EUR" {
            return BankAccountIdentification(name: account.accountName, iban: account.accountNumber, accountNumber: nil, routingNumber: nil, bic: account.routingNumber)
        }
        return BankAccountIdentification(
            name: account.accountName, iban: nil, accountNumber: account.accountNumber, routingNumber: account.routingNumber, bic: nil)
    }

    /// The creditor's account for `order`, or `nil` while the payee has given no usable
    /// details: a corrected payment waits for instructions given after the failure.
    public static func creditor(for order: BankOrder, _ state: EscrowState) -> BankAccountIdentification? {
        let payment = order.payment
        if case .party(let party) = state.payee(of: payment), let given = state.instructions[party] {
            if let failedAt = order.failedAt, given.at <= failedAt { return nil }
            let lines = given.lines
            let line =
                lines.first(where: { $0.account.description == payment.destination })
                ?? lines.first(where: { $0.amount == payment.amount })
                ?? (lines.count == 1 ? lines.first : nil)
                ?? lines.first(where: { $0.amount == nil })
            return line.map { identification($0.account, currency: state.currency) }
        }
        // A court, counsel or other payee outside the agreement: the account an agent user gave.
        switch state.payee(of: payment) {
        case .counsel(let name), .outside(let name):
            if let given = state.bank.payeeAccounts[name], order.failedAt.map({ given.at > $0 }) ?? true {
                return identification(given.account, currency: state.currency)
            }
        case .party: break
        }
        // A wire going back to its sender: the sender's account as the bank reported it.
        let prefix = "return of wire "
        guard order.failedAt == nil, payment.destination.hasPrefix(prefix) else { return nil }
        let reference = String(payment.destination.dropFirst(prefix.count))
        guard let entry = state.bank.credits[reference], let account = entry.counterpartyAccount else { return nil }
        let name = entry.counterpartyName ?? state.displayName(state.payee(of: payment))
        let isIBAN = BankIdentifiers.isValidIBAN(account)
        return BankAccountIdentification(name: name, iban: isIBAN ? account : nil, accountNumber: isIBAN ? nil : account, routingNumber: nil, bic: nil)
    }

    /// Payments decided but not yet in a file, each with why it waits (or `nil` when the next
    /// export takes it).
    public static func waiting(_ state: EscrowState) -> [(order: BankOrder, reason: String?)] {
        state.bank.orders.filter { $0.status == .awaitingExport }.map { order in
            guard creditor(for: order, state) == nil else { return (order, nil) }
            let outside: Bool = if case .party = state.payee(of: order.payment) { false } else { true }
            let reason =
                order.reissueOf != nil
                ? "waits for corrected bank details from the payee (instructions given after the failure)"
                : outside
                    ? "waits for the payee's bank details (escrow bank payee-account)" : "waits for the payee's signed bank details"
            return (order, reason)
        }
    }
}

/// The differences between the ledger's held balance and the bank's, by entry.
public enum BankReconciliation {
    /// Payments the ledger has paid but the bank has not yet debited, credits the bank holds
    /// that no one has attributed, and debits the escrow never ordered.
    public static func items(_ state: EscrowState) -> [ReconciliationItem] {
        var items: [ReconciliationItem] = []
        for order in state.bank.orders {
            let pending: String?
            switch order.status {
            case .awaitingExport: pending = order.reissueOf == nil ? "decided, not yet sent to the bank" : nil
            case .exported(let file): pending = "in payment file \(file), not yet debited"
            case .accepted(let file): pending = "in payment file \(file), accepted, not yet debited"
            case .executed, .failed: pending = nil
            }
            guard let pending else { continue }
            items.append(
                ReconciliationItem(
                    reference: order.endToEndID, amount: order.payment.amount, bankHoldsMore: true,
                    explanation: "payment to \(state.displayName(state.payee(of: order.payment))) \(pending)"))
        }
        for exception in state.bank.openExceptions where !exception.kind.isRecordedAsDeposit {
            items.append(
                ReconciliationItem(
                    reference: exception.entry.reference, amount: exception.entry.amount, bankHoldsMore: true,
                    explanation: "credit on exception \(exception.exceptionID), not yet attributed"))
        }
        for exception in state.bank.exceptions {
            guard let resolved = state.bank.resolutions[exception.exceptionID], resolved.resolution == .notOurs else { continue }
            items.append(
                ReconciliationItem(
                    reference: exception.entry.reference, amount: exception.entry.amount, bankHoldsMore: true,
                    explanation: "credit on exception \(exception.exceptionID), marked not the escrow's by \(resolved.resolvedBy); the bank holds it until it takes it back"))
        }
        for alarm in state.bank.alarms where alarm.kind == .unorderedDebit || alarm.kind == .debitAmountMismatch {
            guard let amount = alarm.amount else { continue }
            items.append(
                ReconciliationItem(reference: alarm.reference, amount: amount, bankHoldsMore: false, explanation: "debit the escrow did not order as booked"))
        }
        return items
    }
}
