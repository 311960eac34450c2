import Foundation

extension EscrowDecider {
    /// Refuses an account whose bank identifiers fail their checks: in a USD escrow the
    /// routing number's ABA check digit, in a EUR escrow the BIC (in the routing field) and the
    /// IBAN (in the account field).
    static func requireBankDetails(_ account: BankAccount, _ state: EscrowState) throws(EscrowRefusal) {
        if state.currency.code == "EUR" {
            guard BankIdentifiers.isValidBIC(account.routingNumber) else {
                throw EscrowRefusal(.bank(.bicInvalid(account.routingNumber)), in: state)
            }
            guard BankIdentifiers.isValidIBAN(account.accountNumber) else {
                throw EscrowRefusal(.bank(.ibanInvalid(account.accountNumber)), in: state)
            }
            return
        }
        // ASCII digits only: Character.isNumber also admits other scripts' digits and fractions.
        guard account.routingNumber.count == 9, account.routingNumber.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw EscrowRefusal(.routingNumberMalformed(account.routingNumber), in: state)
        }
        guard BankIdentifiers.isValidRoutingNumber(account.routingNumber) else {
            throw EscrowRefusal(.bank(.routingNumberChecksum(account.routingNumber)), in: state)
        }
        guard (4...17).contains(account.accountNumber.count), account.accountNumber.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw EscrowRefusal(.accountNumberMalformed, in: state)
        }
    }

    // MARK: Payment files out

    /// Puts every decided payment whose payee's bank details are known into one new file.
    static func exportBankPayments(_ state: EscrowState, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        let debtor = BankExport.escrowAccount(state)
        let waiting = state.bank.orders.filter { $0.status == .awaitingExport }
        var transfers: [ExportedTransfer] = []
        for order in waiting.prefix(Limits.bankTransfersPerFileMax) {
            guard let creditor = BankExport.creditor(for: order, state) else { continue }
            let payee = state.displayName(state.payee(of: order.payment))
            let remittance = String("\(state.escrowID) \(order.payment.purpose) (\(order.payment.clause))".prefix(140))
            transfers.append(
                ExportedTransfer(
                    endToEndID: order.endToEndID, amount: order.payment.amount, payee: payee, creditor: creditor, remittance: remittance,
                    clause: order.payment.clause, isReissue: order.reissueOf != nil))
        }
        guard !transfers.isEmpty else { throw EscrowRefusal(.bank(.nothingToExport(waiting: waiting.count)), in: state) }
        let controlSum = try money(Money.sum(transfers.map(\.amount), state.currency), state)
        let clauses = transfers.map(\.clause).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let date = CivilDate(instant: now, timeZoneIdentifier: state.terms.calendar.timeZoneIdentifier)
        let fileID = "\(state.escrowID.rawValue.prefix(16))-PAY-\(state.bank.files.count + 1)"
        let file = BankFileExported(
            fileID: fileID, debtor: debtor, transfers: transfers, controlSum: controlSum, requestedExecutionDate: date.description,
            clause: clauses.joined(separator: "; "), at: now)
        return [.bank(.fileExported(file))]
    }

    // MARK: Statements in

    /// Reads a statement's entries: credits become deposits or exceptions, debits mark our
    /// payments executed or raise an alarm, returned payments are held again. An entry already
    /// counted (by its reference) is skipped, so overlapping statements count each entry once.
    static func importBankStatement(_ state: EscrowState, _ statement: BankStatement, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        try importBankStatementFolding(state, statement, at: now).events
    }

    /// ``importBankStatement(_:_:at:)``, also answering the state with its events folded in.
    static func importBankStatementFolding(
        _ state: EscrowState, _ statement: BankStatement, at now: Date
    ) throws(EscrowRefusal) -> (events: [EscrowEvent], state: EscrowState) {
        let account = state.terms.depositInstructions
        guard statement.entries.count <= Limits.bankEntriesPerFileMax else {
            throw EscrowRefusal(.bank(.tooManyEntries(count: statement.entries.count)), in: state)
        }
        let escrowAccount = account.accountNumber.filter { !$0.isWhitespace }
        guard statement.accountID.filter({ !$0.isWhitespace }) == escrowAccount else {
            throw EscrowRefusal(.bank(.statementForOtherAccount(statement: statement.accountID, escrow: escrowAccount)), in: state)
        }
        // Every entry is checked before any is decided on: a file is taken whole or not at all.
        for entry in statement.entries {
            try requireEntry(entry, state)
        }
        if let balance = statement.closingBooked {
            guard balance.amount.currency == state.currency else {
                throw EscrowRefusal(
                    .bank(.entryCurrency(reference: "closing balance", currency: balance.amount.currency.code, escrow: state.currency.code)),
                    in: state)
            }
        }
        var working = state
        var events: [EscrowEvent] = []
        func record(_ new: [EscrowEvent]) throws(EscrowRefusal) {
            for event in new {
                try fold(event, into: &working)
                events.append(event)
            }
        }
        var counted = 0
        var already = 0
        var pending = 0
        let clause = state.terms.cite(.depositInstructions)
        let matcher = BankMatching.Matcher(state)
        for entry in statement.entries {
            guard entry.isBooked else {
                pending += 1
                continue
            }
            if working.bank.countedEntries.contains(entry.reference) || working.deposit(withBankReference: entry.reference) != nil {
                already += 1
                continue
            }
            counted += 1
            switch entry.direction {
            case .credit:
                try record(try bookCredit(working, entry, matcher: matcher, clause: clause, at: now))
            case .debit:
                try record(bookDebit(working, entry, at: now))
            }
        }
        let seen = state.bank.statements.contains { $0.messageID == statement.messageID && $0.messageKind == statement.kind }
        if seen && counted == 0 { return ([], state) }
        let imported = EscrowEvent.bank(
            .statementImported(
                BankStatementImported(
                    messageID: statement.messageID, messageKind: statement.kind, statementID: statement.statementID,
                    closingBooked: statement.closingBooked, entriesCounted: counted, entriesAlreadyCounted: already, entriesPending: pending,
                    clause: clause, at: now)))
        // The message is recorded before its entries; no entry's fold depends on it, so folding
        // it last gives the same state.
        try fold(imported, into: &working)
        return ([imported] + events, working)
    }

    static func requireEntry(_ entry: BankEntry, _ state: EscrowState) throws(EscrowRefusal) {
        guard !entry.reference.allSatisfy(\.isWhitespace) else { throw EscrowRefusal(.bank(.entryWithoutReference), in: state) }
        try requireText(entry.reference, state, field: .bankReference)
        guard entry.amount.currency == state.currency else {
            throw EscrowRefusal(
                .bank(.entryCurrency(reference: entry.reference, currency: entry.amount.currency.code, escrow: state.currency.code)), in: state)
        }
        guard entry.amount.isPositive, entry.amount.isWithinCeiling else {
            throw EscrowRefusal(.bank(.entryAmount(reference: entry.reference)), in: state)
        }
    }

    /// A credit: one of our payments coming back, a purchaser's deposit, or an exception.
    /// `matcher` holds the purchasers as matching compares them; `clause` cites the deposit
    /// instructions. Both are prepared once per statement.
    static func bookCredit(
        _ state: EscrowState, _ entry: BankEntry, matcher: BankMatching.Matcher, clause: String, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        if let id = entry.endToEndID, let order = state.bank.order(id), order.isOut {
            return failed(state, order, as: .returned, source: entry.reference, reason: entry.returnReason, at: now)
        }
        let match = matcher.match(entry, state)
        func exception(_ kind: BankExceptionKind, _ candidates: [PartyID], deposit: DepositID?) -> EscrowEvent {
            .bank(
                .exceptionRecorded(
                    BankExceptionRecorded(
                        exceptionID: "X\(state.bank.exceptions.count + 1)", kind: kind, entry: entry, candidates: candidates, depositID: deposit,
                        clause: clause, at: now)))
        }
        switch match {
        case .purchaser(let purchaser, _):
            let events = try recordDeposit(
                state, reference: entry.reference, purchaser: purchaser, senderName: entry.counterpartyName.flatMap(senderText), amount: entry.amount,
                at: now)
            guard case .depositReceived(let deposit)? = events.first else { return events }
            if deposit.flags.contains(.overSubscription) { return events + [exception(.overpaid, [purchaser], deposit: deposit.depositID)] }
            if deposit.flags.contains(.underSubscription) { return events + [exception(.underpaid, [purchaser], deposit: deposit.depositID)] }
            return events
        case .ambiguous(let candidates):
            return [exception(.ambiguous, candidates, deposit: nil)]
        case .none:
            return [exception(.unmatched, [], deposit: nil)]
        }
    }

    /// The sender's name as the log keeps it: within the text limit; `nil` when blank.
    static func senderText(_ name: String) -> String? {
        guard !name.allSatisfy(\.isWhitespace) else { return nil }
        var text = name
        while text.utf8.count > Limits.textBytesMax { text.removeLast() }
        return text
    }

    /// A debit: one of our payments executed, or an alarm.
    static func bookDebit(_ state: EscrowState, _ entry: BankEntry, at now: Date) -> [EscrowEvent] {
        if let id = entry.endToEndID, let order = state.bank.order(id), order.isAwaitingDebit {
            guard order.payment.amount == entry.amount else {
                return [
                    .bank(
                        .alarmRaised(
                            BankAlarmRaised(
                                kind: .debitAmountMismatch, reference: entry.reference, amount: entry.amount,
                                text: "entry \(entry.reference) debits \(entry.amount) for payment \(id) of \(order.payment.amount)",
                                clause: order.payment.clause, at: now)))
                ]
            }
            return [
                .bank(
                    .paymentStatusRecorded(
                        BankPaymentStatusRecorded(
                            endToEndID: id, status: .executed, amount: entry.amount, payee: state.displayName(state.payee(of: order.payment)),
                            source: entry.reference, reasonCode: nil, clause: order.payment.clause, at: now)))
            ]
        }
        let to = entry.counterpartyName.map { " to \($0)" } ?? ""
        return [
            .bank(
                .alarmRaised(
                    BankAlarmRaised(
                        kind: .unorderedDebit, reference: entry.reference, amount: entry.amount,
                        text: "entry \(entry.reference) debits \(entry.amount)\(to) from the escrow account; the escrow ordered no such payment",
                        clause: state.terms.cite(.escrowAccount), at: now)))
        ]
    }

    /// A rejected or returned payment: held again, owed to the same payee, with an alarm.
    static func failed(
        _ state: EscrowState, _ order: BankOrder, as status: BankPaymentStatus, source: String, reason: String?, at now: Date
    ) -> [EscrowEvent] {
        let payee = state.displayName(state.payee(of: order.payment))
        let why = reason.map { " (reason \($0))" } ?? ""
        let alarm: BankAlarmKind = status == .rejected ? .paymentRejected : .paymentReturned
        return [
            .bank(
                .paymentStatusRecorded(
                    BankPaymentStatusRecorded(
                        endToEndID: order.endToEndID, status: status, amount: order.payment.amount, payee: payee, source: source,
                        reasonCode: reason, clause: order.payment.clause, at: now))),
            .bank(
                .alarmRaised(
                    BankAlarmRaised(
                        kind: alarm, reference: order.endToEndID, amount: order.payment.amount,
                        text: "payment \(order.endToEndID) of \(order.payment.amount) to \(payee) \(status.rawValue)\(why); held again and owed to \(payee) until corrected bank details are exported",
                        clause: order.payment.clause, at: now))),
        ]
    }

    // MARK: Payment status in

    /// A pain.002 report: accepted payments are marked, rejected ones held again with an alarm.
    static func recordBankPaymentStatus(_ state: EscrowState, _ report: BankStatusReport, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        guard let file = state.bank.files.first(where: { $0.fileID == report.originalFileID }) else {
            throw EscrowRefusal(.bank(.unknownFile(report.originalFileID)), in: state)
        }
        guard report.transactions.count <= Limits.bankEntriesPerFileMax else {
            throw EscrowRefusal(.bank(.tooManyEntries(count: report.transactions.count)), in: state)
        }
        let inFile = Set(file.transfers.map(\.endToEndID))
        var statuses = report.transactions
        for status in statuses {
            guard inFile.contains(status.endToEndID) else {
                throw EscrowRefusal(.bank(.unknownPayment(endToEndID: status.endToEndID, file: file.fileID)), in: state)
            }
            try requireStatusCode(status.statusCode, status.endToEndID, state)
        }
        if let group = report.groupStatusCode {
            try requireStatusCode(group, file.fileID, state)
            // A whole file rejected or accepted without a word on each payment: the group's status is each one's.
            if statuses.isEmpty, group == "RJCT" || BankStatusReport.acceptedCodes.contains(group) {
                statuses = file.transfers.map { BankTransactionStatus(endToEndID: $0.endToEndID, statusCode: group, reasonCode: report.groupReasonCode) }
            }
        }
        if state.bank.statusReports.contains(report.messageID) { return [] }
        var events: [EscrowEvent] = [
            .bank(
                .statementImported(
                    BankStatementImported(
                        messageID: report.messageID, messageKind: .pain002, statementID: report.originalFileID, closingBooked: nil,
                        entriesCounted: statuses.count, entriesAlreadyCounted: 0, entriesPending: 0, clause: state.terms.cite(.release), at: now)))
        ]
        for status in statuses {
            guard let order = state.bank.order(status.endToEndID) else { continue }
            if status.statusCode == "RJCT" {
                // Only a payment the bank has not debited can be rejected; a later status changes nothing.
                guard order.isAwaitingDebit else { continue }
                events += failed(state, order, as: .rejected, source: report.messageID, reason: status.reasonCode, at: now)
            } else if BankStatusReport.acceptedCodes.contains(status.statusCode), case .exported = order.status {
                events.append(
                    .bank(
                        .paymentStatusRecorded(
                            BankPaymentStatusRecorded(
                                endToEndID: order.endToEndID, status: .accepted, amount: order.payment.amount,
                                payee: state.displayName(state.payee(of: order.payment)), source: report.messageID, reasonCode: status.reasonCode,
                                clause: order.payment.clause, at: now))))
            }
        }
        return events
    }

    static func requireStatusCode(_ code: String, _ id: String, _ state: EscrowState) throws(EscrowRefusal) {
        guard code == "RJCT" || BankStatusReport.acceptedCodes.contains(code) || BankStatusReport.neutralCodes.contains(code) else {
            throw EscrowRefusal(.bank(.unknownStatusCode(code: code, endToEndID: id)), in: state)
        }
    }

    // MARK: Exceptions

    /// An agent user's decision on an exception, recorded with who made it.
    static func resolveBankException(
        _ state: EscrowState, id: String, resolution: BankExceptionResolution, by user: String, note: String?, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        guard let exception = state.bank.exceptions.first(where: { $0.exceptionID == id }) else {
            throw EscrowRefusal(.bank(.noSuchException(id)), in: state)
        }
        if let done = state.bank.resolutions[id] {
            throw EscrowRefusal(.bank(.exceptionAlreadyResolved(id, by: done.resolvedBy)), in: state)
        }
        try requireText(user, state, field: .resolvingAgentUser)
        if let note { try requireText(note, state, field: .resolutionNote) }
        var events: [EscrowEvent] = []
        switch resolution {
        case .accept:
            guard exception.kind.isRecordedAsDeposit else {
                throw EscrowRefusal(.bank(.resolutionDoesNotFit(id, kind: exception.kind)), in: state)
            }
        case .attribute(let purchaser):
            guard !exception.kind.isRecordedAsDeposit else {
                throw EscrowRefusal(.bank(.resolutionDoesNotFit(id, kind: exception.kind)), in: state)
            }
            guard state.terms.subscription(of: purchaser) != nil else { throw EscrowRefusal(.bank(.notAPurchaser(purchaser)), in: state) }
            events = try recordDeposit(
                state, reference: exception.entry.reference, purchaser: purchaser, senderName: exception.entry.counterpartyName.flatMap(senderText),
                amount: exception.entry.amount, at: now)
        case .notOurs:
            guard !exception.kind.isRecordedAsDeposit else {
                throw EscrowRefusal(.bank(.resolutionDoesNotFit(id, kind: exception.kind)), in: state)
            }
        case .holdForSender:
            guard !exception.kind.isRecordedAsDeposit else {
                throw EscrowRefusal(.bank(.resolutionDoesNotFit(id, kind: exception.kind)), in: state)
            }
            events = try recordDeposit(
                state, reference: exception.entry.reference, purchaser: nil, senderName: exception.entry.counterpartyName.flatMap(senderText),
                amount: exception.entry.amount, at: now)
        }
        var depositID: DepositID? = nil
        if case .depositReceived(let deposit)? = events.first { depositID = deposit.depositID }
        let resolved = BankExceptionResolved(
            exceptionID: id, resolution: resolution, resolvedBy: user, note: note, depositID: depositID,
            clause: state.terms.cite(.depositInstructions), at: now)
        return events + [.bank(.exceptionResolved(resolved))]
    }

    // MARK: Payees outside the agreement

    /// The account of a court, counsel or other payee outside the agreement to whom a payment
    /// waits, recorded with the agent user who gave it; checked as signed instructions are.
    static func giveBankPayeeAccount(
        _ state: EscrowState, payee: String, account: BankAccount, by user: String, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireText(user, state, field: .resolvingAgentUser)
        let waiting = state.bank.orders.first { order in
            guard order.status == .awaitingExport else { return false }
            switch state.payee(of: order.payment) {
            case .counsel(let name), .outside(let name): return name == payee
            case .party: return false
            }
        }
        guard let waiting else { throw EscrowRefusal(.bank(.noPaymentWaitsFor(payee)), in: state) }
        try requireText(account.accountName, state, field: .accountName)
        try requireText(account.bank, state, field: .bank)
        try requireBankDetails(account, state)
        let given = BankPayeeAccountGiven(payee: payee, account: account, givenBy: user, clause: waiting.payment.clause, at: now)
        return [.bank(.payeeAccountGiven(given))]
    }

    // MARK: Reconciliation

    /// The ledger's held balance against the last closing booked balance, every difference
    /// named by the payment or entry behind it.
    static func reconcileBank(_ state: EscrowState, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        guard let statement = state.bank.lastClosingBalance, let balance = statement.closingBooked else {
            throw EscrowRefusal(.bank(.noClosingBalance), in: state)
        }
        let items = BankReconciliation.items(state)
        // Held and every item are bounded by the ceiling, so these signed sums cannot overflow.
        var gap = state.ledger.held.amountMinorUnits - balance.signedMinorUnits
        for item in items { gap += item.bankHoldsMore ? item.amount.amountMinorUnits : -item.amount.amountMinorUnits }
        let reconciled = BankReconciled(
            statementID: statement.statementID, ledgerHeld: state.ledger.held, bankBalance: balance, items: items,
            unexplained: Money(minorUnits: gap.magnitude > UInt64(Int64.max) ? Int64.max : Int64(gap.magnitude), state.currency),
            unexplainedLedgerHoldsMore: gap > 0, clause: state.terms.cite(.escrowAccount), at: now)
        return [.bank(.reconciled(reconciled))]
    }
}

extension BankOrder {
    /// Sent to the bank and not failed: a credit with its end-to-end id is the payment coming back.
    var isOut: Bool {
        switch status {
        case .exported, .accepted, .executed: true
        case .awaitingExport, .failed: false
        }
    }

    /// In a file, not yet debited.
    var isAwaitingDebit: Bool {
        switch status {
        case .exported, .accepted: true
        case .awaitingExport, .executed, .failed: false
        }
    }
}
