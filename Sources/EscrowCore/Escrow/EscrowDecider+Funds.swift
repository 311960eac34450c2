import Foundation

extension EscrowDecider {
    /// 1.1, 1.3: every wire is accepted and held; odd ones are flagged, never turned away.
    static func recordDeposit(
        _ state: EscrowState, reference: String, purchaser: PartyID?, senderName: String?, amount: Money, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireText(reference, field: "bank reference", clause: "1.3")
        try requireAmount(amount, state, field: "deposit amount", clause: "1.1")
        if let existing = state.deposit(withBankReference: reference) {
            guard existing.amount == amount, existing.purchaser == purchaser || purchaser == nil else {
                throw EscrowRefusal(
                    .invalid, clause: "1.3",
                    "bank reference \(reference) is already recorded as \(existing.depositID) for \(existing.amount); a different wire needs its own reference"
                )
            }
            // The same wire reported again: it is the deposit already recorded.
            return []
        }
        var flags: [DepositFlag] = []
        var attributed: PartyID? = nil
        if let purchaser {
            let party = try requireParty(state, purchaser, clause: "1.1")
            if party.role == .purchaser, let subscription = state.terms.subscription(of: purchaser) {
                attributed = purchaser
                let total = try money(state.deposited(by: purchaser).adding(amount))
                if total > subscription.amount { flags.append(.overSubscription) }
                if total < subscription.amount { flags.append(.underSubscription) }
            } else {
                flags.append(.unknownSender)
            }
        } else {
            flags.append(.unknownSender)
        }
        let received = try money(state.ledger.deposited.adding(amount))
        guard received.isWithinCeiling else {
            throw EscrowRefusal(
                .invalid, clause: "1.1",
                "this wire would take the money received in this escrow to \(received), above the largest amount one escrow holds, \(state.currency.amountCeiling) (limit amountMajorUnitsMax)")
        }
        if state.phase != .open { flags.append(.afterClose) }
        let sender = senderName ?? purchaser.map { state.displayName($0) } ?? "unknown sender"
        try requireText(sender, field: "sender name", clause: "1.3")
        let deposit = DepositReceived(
            depositID: DepositID("D\(state.deposits.count + 1)"), bankReference: reference, purchaser: attributed,
            senderName: sender, amount: amount, flags: flags, at: now)
        return [.depositReceived(deposit)]
    }

    /// 1.2: an explicit request to advise. The advice itself is a follow-up recorded the
    /// moment the last condition arrives, so here it is either already given or refused.
    static func advise(_ state: EscrowState) throws(EscrowRefusal) -> [EscrowEvent] {
        if let advice = state.advice {
            throw EscrowRefusal(.alreadyDone, clause: "1.2", "the advice of \(advice.amount) was already given")
        }
        if let missed = state.refundDeadlineMissed {
            throw EscrowRefusal(clause: "1.7", "the 1.7 deadline \(missed.deadline) has passed; the funds go back")
        }
        let pending = state.conditions.filter { !$0.isMet }
        let list = pending.map { "\($0.title) (awaiting \(state.displayNames($0.outstanding)))" }.joined(separator: "; ")
        let clauses = Set(pending.map(\.clause)).sorted().joined(separator: ", ")
        throw EscrowRefusal(clause: clauses.isEmpty ? "1.2" : clauses, "conditions not met: \(list)")
    }

    /// 1.5, 1.6: the disbursement plan, recorded as one event.
    static func release(_ state: EscrowState, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        if let missed = state.refundDeadlineMissed {
            throw EscrowRefusal(
                clause: "1.7",
                "\(conditionTitle(state, missed.condition)) was not received by \(missed.deadline); the funds go back to the purchasers"
            )
        }
        try requireOpenForAgentAct(state)
        guard let retained = state.retainedUnderHolds else {
            throw EscrowRefusal(clause: "2.14", "a dispute hold covers all funds")
        }
        if state.phase == .released {
            return try releaseAfterHold(state, retained: retained, at: now)
        }
        // Without the advice, `advise` refuses with what is still missing.
        guard state.advice != nil else { return try advise(state) }
        let missing = state.missingSigners(of: .releaseNotice)
        guard missing.isEmpty else {
            throw EscrowRefusal(
                clause: "1.5, Exhibit A",
                "\(state.terms.releaseInstrument.title) lacks counterparts from \(state.displayNames(missing))")
        }
        let plan = try disbursementPlan(state, retained: retained)
        let total = try sum(plan, state)
        guard try money(total.adding(retained)) == state.ledger.held else {
            throw EscrowRefusal(
                clause: "1.5, 2.9",
                "the funds held (\(state.ledger.held)) no longer match the deposits after court-ordered payments; further payments follow the court's directions")
        }
        return [.disbursed(Disbursed(payments: plan, total: total, retained: retained, courtDocket: nil, at: now))]
    }

    /// After a partial hold is lifted, what was retained goes to the remainder payee (1.6).
    static func releaseAfterHold(_ state: EscrowState, retained: Money, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        var available = try money(state.ledger.held.subtracting(retained))
        guard available.isPositive else {
            throw EscrowRefusal(.alreadyDone, clause: "1.5", "the funds were already released")
        }
        // Wires that arrived after the release belong to their senders, not to the company.
        var payments: [Payment] = []
        let returned = Set(state.disbursements.flatMap(\.payments).filter { $0.purpose == Self.lateWirePurpose }.map(\.destination))
        for deposit in state.deposits where deposit.flags.contains(.afterClose) {
            let destination = "return of wire \(deposit.bankReference)"
            guard !returned.contains(destination), deposit.amount <= available else { continue }
            payments.append(
                Payment(payee: deposit.purchaser?.rawValue ?? deposit.senderName, amount: deposit.amount, destination: destination, purpose: Self.lateWirePurpose, clause: "1.1"))
            available = try money(available.subtracting(deposit.amount))
        }
        if available.isPositive {
            // The fixed lines of the instructions were paid at the first release; what was
            // retained goes to the account that takes the rest.
            let payee = state.terms.disbursement.remainderPayee
            let clause = "\(state.terms.disbursement.remainderClause), 2.14"
            guard let lines = state.instructions[payee]?.lines, let rest = lines.first(where: { $0.amount == nil }) ?? lines.last else {
                throw EscrowRefusal(clause: clause, "\(state.displayName(payee)) has given no written wire instructions")
            }
            payments.append(
                Payment(payee: payee.rawValue, amount: available, destination: rest.account.description, purpose: "remainder retained under hold, now released", clause: clause))
        }
        let total = try sum(payments, state)
        return [.disbursed(Disbursed(payments: payments, total: total, retained: retained, courtDocket: nil, at: now))]
    }

    static let lateWirePurpose = "wire received after release returned"

    /// Fees first, then the remainder per the written instructions; excess and unidentified
    /// wires go back to their senders, so the plan sums to the funds held, to the cent.
    static func disbursementPlan(_ state: EscrowState, retained: Money) throws(EscrowRefusal) -> [Payment] {
        var payments: [Payment] = []
        for subscription in state.terms.subscriptions {
            let excess = try money(state.deposited(by: subscription.purchaser).subtracting(subscription.amount))
            if excess.isPositive {
                payments.append(
                    Payment(
                        payee: subscription.purchaser.rawValue, amount: excess,
                        destination: returnDestination(state, purchaser: subscription.purchaser),
                        purpose: "deposit above subscription returned", clause: "1.1"))
            }
        }
        for deposit in state.unidentifiedDeposits {
            payments.append(
                Payment(
                    payee: deposit.senderName, amount: deposit.amount, destination: "return of wire \(deposit.bankReference)",
                    purpose: "wire from a sender who is not a purchaser returned", clause: "1.1"))
        }
        for claim in state.unpaidCounselClaims {
            payments.append(
                Payment(
                    payee: claim.counsel, amount: claim.amount, destination: "per counsel's invoice \(claim.invoiceSHA256.prefix(12))",
                    purpose: "escrow agent's counsel costs", clause: "2.11"))
        }
        var remainder = state.terms.aggregateSubscription
        for claim in state.unpaidCounselClaims { remainder = try money(remainder.subtracting(claim.amount)) }
        for fixed in state.terms.disbursement.fixedPayments {
            payments.append(
                Payment(
                    payee: fixed.payee.rawValue, amount: fixed.amount,
                    destination: state.instructions[fixed.payee].map { describe($0.lines) } ?? "per \(state.displayName(fixed.payee))'s standing wire instructions",
                    purpose: fixed.purpose, clause: fixed.clause))
            remainder = try money(remainder.subtracting(fixed.amount))
        }
        remainder = try money(remainder.subtracting(retained))
        guard !remainder.isNegative else {
            throw EscrowRefusal(
                clause: "1.5, 2.14",
                "the funds available (after \(retained) retained under hold) do not cover the fixed payments")
        }
        if remainder.isPositive {
            payments += try instructedPayments(
                state, party: state.terms.disbursement.remainderPayee, amount: remainder, purpose: "subscription proceeds, net of fees",
                clause: state.terms.disbursement.remainderClause)
        }
        guard payments.count <= Limits.paymentsMax else {
            throw EscrowRefusal(.invalid, clause: "1.5", "the plan has more than \(Limits.paymentsMax) payments")
        }
        return payments
    }

    /// Splits an amount over a party's written instructions (1.6 / 1.7).
    static func instructedPayments(
        _ state: EscrowState, party: PartyID, amount: Money, purpose: String, clause: String
    ) throws(EscrowRefusal) -> [Payment] {
        guard let instructions = state.instructions[party] else {
            throw EscrowRefusal(
                clause: clause, "\(state.displayName(party)) has given no written wire instructions")
        }
        let split = try allocate(amount, over: instructions.lines, clause: clause, owner: state.displayName(party))
        return split.map { line in
            Payment(payee: party.rawValue, amount: line.1, destination: line.0.description, purpose: purpose, clause: clause)
        }
    }

    /// Fixed lines first, in order, then the one open line takes the rest.
    static func allocate(
        _ amount: Money, over lines: [InstructionLine], clause: String, owner: String
    ) throws(EscrowRefusal) -> [(BankAccount, Money)] {
        var rest = amount
        var result: [(BankAccount, Money)] = []
        var openLine: BankAccount? = nil
        for line in lines {
            if let fixed = line.amount {
                rest = try money(rest.subtracting(fixed))
                result.append((line.account, fixed))
            } else {
                openLine = line.account
            }
        }
        guard !rest.isNegative else {
            throw EscrowRefusal(clause: clause, "\(owner)'s written instructions allot more than the \(amount) to be paid")
        }
        if let openLine {
            if rest.isPositive { result.append((openLine, rest)) }
        } else if rest.isPositive {
            throw EscrowRefusal(
                clause: clause, "\(owner)'s written instructions allot \(try money(amount.subtracting(rest))) of the \(amount) to be paid and name no account for the rest")
        }
        return result
    }

    /// 1.7: the agent returns the purchasers' funds on command once the deadline has passed.
    static func refund(_ state: EscrowState, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        guard state.refundDeadlineMissed != nil else {
            throw EscrowRefusal(clause: "1.7", "the 1.7 deadline has not passed without the trigger condition")
        }
        // Wires that arrive after the refund are returned the same way.
        if state.phase != .refunded { try requireOpenForAgentAct(state) }
        return [try refundEvent(state, at: now, courtDocket: nil)]
    }

    /// Each depositor's own deposits back, by its written instructions or to the originating
    /// wire; unpaid counsel costs (2.11) come out pro rata first.
    static func refundEvent(_ state: EscrowState, at now: Date, courtDocket: String?) throws(EscrowRefusal) -> EscrowEvent {
        guard state.activeHolds.isEmpty || courtDocket != nil else {
            throw EscrowRefusal(clause: "2.14", "funds are under a dispute hold")
        }
        guard state.agentCanAct || courtDocket != nil else {
            throw EscrowRefusal(clause: "2.12", "the escrow agent has resigned")
        }
        guard state.ledger.held.isPositive else {
            throw EscrowRefusal(.alreadyDone, clause: "1.7", "no funds are held")
        }
        let clause = courtDocket == nil ? "1.7" : "2.9"
        let held = state.ledger.held.amountMinorUnits
        var payments: [Payment] = []
        // Counsel costs (2.11) come first, when the funds cover them.
        let counsel = state.unpaidCounselClaims
        var counselTotal = try money(Money.sum(counsel.map(\.amount), state.currency)).amountMinorUnits
        if counselTotal > held { counselTotal = 0 }
        if counselTotal > 0 {
            for claim in counsel {
                payments.append(
                    Payment(
                        payee: claim.counsel, amount: claim.amount, destination: "per counsel's invoice \(claim.invoiceSHA256.prefix(12))",
                        purpose: "escrow agent's counsel costs", clause: "2.11"))
            }
        }
        struct Share { var payee: String; var purchaser: PartyID?; var amount: Int64; var destination: String }
        var shares: [Share] = []
        for purchaser in state.terms.purchasers {
            // What this purchaser wired, less what was already returned to it.
            let amount = try money(state.deposited(by: purchaser.id).subtracting(state.ledger.balance(.refunded(purchaser.id.rawValue)))).amountMinorUnits
            if amount > 0 {
                shares.append(Share(payee: purchaser.id.rawValue, purchaser: purchaser.id, amount: amount, destination: returnDestination(state, purchaser: purchaser.id)))
            }
        }
        // Unidentified wires, grouped by sender in order of first arrival.
        var unidentified: [(sender: String, amount: Money, references: [String])] = []
        var senderIndex: [String: Int] = [:]
        for deposit in state.unidentifiedDeposits {
            if let index = senderIndex[deposit.senderName] {
                unidentified[index].amount = try money(unidentified[index].amount.adding(deposit.amount))
                unidentified[index].references.append(deposit.bankReference)
            } else {
                senderIndex[deposit.senderName] = unidentified.count
                unidentified.append((deposit.senderName, deposit.amount, [deposit.bankReference]))
            }
        }
        for entry in unidentified {
            let amount = try money(entry.amount.subtracting(state.ledger.balance(.refunded(entry.sender)))).amountMinorUnits
            if amount > 0 {
                shares.append(Share(payee: entry.sender, purchaser: nil, amount: amount, destination: "return of wire \(entry.references.joined(separator: ", "))"))
            }
        }
        // Whatever left the escrow otherwise (counsel now, court-ordered payments before) is
        // borne by the depositors in proportion to what each has in it.
        let owed = try money(Money.sum(shares.map { Money(minorUnits: $0.amount, state.currency) }, state.currency)).amountMinorUnits
        let shortfall = max(0, owed - (held - counselTotal))
        let charges = proRata(shortfall, weights: shares.map(\.amount))
        for (share, charge) in zip(shares, charges) where share.amount - charge > 0 {
            let amount = Money(minorUnits: share.amount - charge, state.currency)
            if let purchaser = share.purchaser, let instructions = state.instructions[purchaser] {
                for (account, part) in try allocate(amount, over: instructions.lines, clause: clause, owner: state.displayName(purchaser)) {
                    payments.append(Payment(payee: share.payee, amount: part, destination: account.description, purpose: "subscription funds returned", clause: clause))
                }
            } else {
                payments.append(
                    Payment(payee: share.payee, amount: amount, destination: share.destination, purpose: share.purchaser == nil ? "wire from a sender who is not a purchaser returned" : "subscription funds returned", clause: clause))
            }
        }
        let total = try sum(payments, state)
        guard total == state.ledger.held else {
            throw EscrowRefusal(clause: clause, "the refund plan returns \(total) but \(state.ledger.held) is held; nothing was paid")
        }
        return .refunded(Refunded(payments: payments, total: total, courtDocket: courtDocket, at: now))
    }

    /// Splits `total` over `weights` in proportion, largest remainder first, summing exactly.
    ///
    /// Weights are amounts within the ceiling, so their sum fits; `total` is at most that sum
    /// (a share is never more than its weight), which keeps every quotient in range.
    static func proRata(_ total: Int64, weights: [Int64]) -> [Int64] {
        var weightSum: Int64 = 0
        for weight in weights {
            let (next, overflow) = weightSum.addingReportingOverflow(max(0, weight))
            guard !overflow else { return weights.map { _ in 0 } }
            weightSum = next
        }
        guard total > 0, weightSum > 0 else { return weights.map { _ in 0 } }
        let total = min(total, weightSum)
        var shares = weights.map { total.multipliedFullWidth(by: $0) }.map { product in
            weightSum.dividingFullWidth(product)
        }
        var allotted = shares.reduce(Int64(0)) { $0 + $1.quotient }
        let order = shares.indices.sorted { shares[$0].remainder > shares[$1].remainder }
        var index = 0
        while allotted < total {
            shares[order[index % order.count]].quotient += 1
            allotted += 1
            index += 1
        }
        return shares.map(\.quotient)
    }

    static func returnDestination(_ state: EscrowState, purchaser: PartyID) -> String {
        if let instructions = state.instructions[purchaser] { return describe(instructions.lines) }
        let references = state.deposits.filter { $0.purchaser == purchaser }.map(\.bankReference)
        return "return to originating wire \(references.joined(separator: ", "))"
    }

    static func describe(_ lines: [InstructionLine]) -> String {
        lines.map(\.account.description).joined(separator: "; ")
    }

    static func sum(_ payments: [Payment], _ state: EscrowState) throws(EscrowRefusal) -> Money {
        try money(Money.sum(payments.map(\.amount), state.currency))
    }

    static func money(_ body: @autoclosure () throws(MoneyError) -> Money) throws(EscrowRefusal) -> Money {
        do { return try body() } catch { throw EscrowRefusal(.invalid, clause: "1.1", error.description) }
    }

    static func conditionTitle(_ state: EscrowState, _ id: ConditionID) -> String {
        state.terms.conditions.first { $0.id == id }?.title ?? id.rawValue
    }
}
