import Foundation

extension EscrowDecider {
    /// 1.1, 1.3: every wire is accepted and held; odd ones are flagged, never turned away.
    static func recordDeposit(
        _ state: EscrowState, reference: String, purchaser: PartyID?, senderName: String?, amount: Money, at now: Date
    ) throws(EscrowRefusal) -> [EscrowEvent] {
        try requireText(reference, state, field: .bankReference)
        try requireAmount(amount, state, field: .depositAmount)
        if let existing = state.deposit(withBankReference: reference) {
            guard existing.amount == amount, existing.purchaser == purchaser || purchaser == nil else {
                throw EscrowRefusal(.bankReferenceReused(reference: reference, deposit: existing.depositID, amount: existing.amount), in: state)
            }
            // The same wire reported again: it is the deposit already recorded.
            return []
        }
        var flags: [DepositFlag] = []
        var attributed: PartyID? = nil
        if let purchaser {
            let party = try requireParty(state, purchaser, as: .depositor)
            if party.role == .purchaser, let subscription = state.terms.subscription(of: purchaser) {
                attributed = purchaser
                let total = try money(state.deposited(by: purchaser).adding(amount), state)
                if total > subscription.amount { flags.append(.overSubscription) }
                if total < subscription.amount { flags.append(.underSubscription) }
            } else {
                flags.append(.unknownSender)
            }
        } else {
            flags.append(.unknownSender)
        }
        let received = try money(state.ledger.deposited.adding(amount), state)
        guard received.isWithinCeiling else {
            throw EscrowRefusal(.depositsAboveCeiling(total: received, ceiling: state.currency.amountCeiling), in: state)
        }
        if state.phase != .open { flags.append(.afterClose) }
        let sender = senderName ?? purchaser.map { state.displayName($0) } ?? "unknown sender"
        try requireText(sender, state, field: .senderName)
        let deposit = DepositReceived(
            depositID: DepositID("D\(state.deposits.count + 1)"), bankReference: reference, purchaser: attributed,
            senderName: sender, amount: amount, flags: flags, at: now)
        return [.depositReceived(deposit)]
    }

    /// 1.2: an explicit request to advise. The advice itself is a follow-up recorded the
    /// moment the last condition arrives, so here it is either already given or refused.
    static func advise(_ state: EscrowState) throws(EscrowRefusal) -> [EscrowEvent] {
        if let advice = state.advice {
            throw EscrowRefusal(.adviceAlreadyGiven(amount: advice.amount), in: state)
        }
        if let missed = state.refundDeadlineMissed {
            throw EscrowRefusal(.adviceAfterRefundDeadline(deadline: missed.deadline), in: state)
        }
        throw EscrowRefusal(.conditionsNotMet(state.conditions.filter { !$0.isMet }.map(\.id)), in: state)
    }

    /// 1.5, 1.6: the disbursement plan, recorded as one event.
    static func release(_ state: EscrowState, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        if let missed = state.refundDeadlineMissed {
            throw EscrowRefusal(.releaseAfterRefundDeadline(condition: missed.condition, deadline: missed.deadline), in: state)
        }
        try requireOpenForAgentAct(state)
        guard let retained = state.retainedUnderHolds else { throw EscrowRefusal(.holdCoversAllFunds, in: state) }
        if state.phase == .released {
            return try releaseAfterHold(state, retained: retained, at: now)
        }
        // Without the advice, `advise` refuses with what is still missing.
        guard state.advice != nil else { return try advise(state) }
        // An instrument requested under the further-instruments rule after the advice is a
        // condition too: nothing is released until it is furnished.
        let pending = state.conditions.filter { !$0.isMet }.map(\.id)
        guard pending.isEmpty else { throw EscrowRefusal(.conditionsNotMet(pending), in: state) }
        let missing = state.missingSigners(of: .releaseNotice)
        guard missing.isEmpty else { throw EscrowRefusal(.releaseNoticeIncomplete(missing: missing), in: state) }
        // Each payee is paid only to its own signed written instructions: none is paid while
        // any is missing.
        let uninstructed = state.payeesAwaitingInstructions
        if uninstructed.count > 1 || (uninstructed.count == 1 && uninstructed[0] != state.terms.disbursement.remainderPayee) {
            throw EscrowRefusal(.payeesWithoutInstructions(uninstructed), in: state)
        }
        let plan = try disbursementPlan(state, retained: retained)
        let total = try sum(plan, state)
        guard try money(total.adding(retained), state) == state.ledger.held else {
            throw EscrowRefusal(.fundsChangedByCourtOrder(held: state.ledger.held), in: state)
        }
        return [.disbursed(Disbursed(payments: plan, total: total, retained: retained, courtDocket: nil, at: now))]
    }

    /// After a partial hold is lifted, what was retained goes to the remainder payee (1.6).
    static func releaseAfterHold(_ state: EscrowState, retained: Money, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        var available = try money(state.ledger.held.subtracting(retained), state)
        guard available.isPositive else { throw EscrowRefusal(.alreadyReleased, in: state) }
        // Wires that arrived after the release belong to their senders, not to the company.
        var payments: [Payment] = []
        let returned = Set(state.disbursements.flatMap(\.payments).filter { $0.purpose == Self.lateWirePurpose }.map(\.destination))
        for deposit in state.deposits where deposit.flags.contains(.afterClose) {
            let destination = "return of wire \(deposit.bankReference)"
            guard !returned.contains(destination), deposit.amount <= available else { continue }
            payments.append(
                Payment(
                    payee: deposit.purchaser.map(PayeeID.party) ?? .outside(deposit.senderName), amount: deposit.amount, destination: destination,
                    purpose: Self.lateWirePurpose, clause: state.terms.cite(.escrowAccount)))
            available = try money(available.subtracting(deposit.amount), state)
        }
        if available.isPositive {
            // The fixed lines of the instructions were paid at the first release; what was
            // retained goes to the account that takes the rest.
            let payee = state.terms.disbursement.remainderPayee
            let clause = state.terms.cite(.remainder, .dispute)
            guard let lines = state.instructions[payee]?.lines, let rest = lines.first(where: { $0.amount == nil }) ?? lines.last else {
                throw EscrowRefusal(.noWireInstructions(payee, afterHold: true), in: state)
            }
            payments.append(
                Payment(
                    payee: .party(payee), amount: available, destination: rest.account.description, purpose: "remainder retained under hold, now released",
                    clause: clause))
        }
        let total = try sum(payments, state)
        return [.disbursed(Disbursed(payments: payments, total: total, retained: retained, courtDocket: nil, at: now))]
    }

    /// The purpose of a payment that returns a wire received after the release to its sender:
    /// such a return is a disbursement of its own, not a second release.
    public static let lateWirePurpose = "wire received after release returned"

    /// Fees first, then the remainder per the written instructions; excess and unidentified
    /// wires go back to their senders, so the plan sums to the funds held, to the cent.
    static func disbursementPlan(_ state: EscrowState, retained: Money) throws(EscrowRefusal) -> [Payment] {
        var payments: [Payment] = []
        for subscription in state.terms.subscriptions {
            let excess = try money(state.deposited(by: subscription.purchaser).subtracting(subscription.amount), state)
            if excess.isPositive {
                payments.append(
                    Payment(
                        payee: .party(subscription.purchaser), amount: excess,
                        destination: returnDestination(state, purchaser: subscription.purchaser),
                        purpose: "deposit above subscription returned", clause: state.terms.cite(.escrowAccount)))
            }
        }
        for deposit in state.unidentifiedDeposits {
            payments.append(
                Payment(
                    payee: .outside(deposit.senderName), amount: deposit.amount, destination: "return of wire \(deposit.bankReference)",
                    purpose: "wire from a sender who is not a purchaser returned", clause: state.terms.cite(.escrowAccount)))
        }
        for claim in state.unpaidCounselClaims {
            payments.append(
                Payment(
                    payee: .counsel(claim.counsel), amount: claim.amount, destination: "per counsel's invoice \(claim.invoiceSHA256.prefix(12))",
                    purpose: "escrow agent's counsel costs", clause: state.terms.cite(.counselCosts)))
        }
        var remainder = state.terms.aggregateSubscription
        for claim in state.unpaidCounselClaims { remainder = try money(remainder.subtracting(claim.amount), state) }
        remainder = try money(remainder.subtracting(state.jointInstructionsPaidTotal), state)
        for fixed in state.terms.disbursement.fixedPayments {
            payments += try paymentsToInstructions(state, payee: fixed.payee, amount: fixed.amount, purpose: fixed.purpose, clause: fixed.clause)
            remainder = try money(remainder.subtracting(fixed.amount), state)
        }
        for share in state.terms.disbursement.percentagePayments ?? [] {
            let amount: Money
            switch share.base {
            case .aggregateSubscription: amount = share.amount(on: state.terms.aggregateSubscription)
            }
            guard amount.isPositive else { continue }
            payments += try paymentsToInstructions(state, payee: share.payee, amount: amount, purpose: share.purpose, clause: share.clause)
            remainder = try money(remainder.subtracting(amount), state)
        }
        remainder = try money(remainder.subtracting(retained), state)
        guard !remainder.isNegative else { throw EscrowRefusal(.fixedPaymentsNotCovered(retained: retained), in: state) }
        if remainder.isPositive {
            payments += try instructedPayments(
                state, party: state.terms.disbursement.remainderPayee, amount: remainder, purpose: "subscription proceeds, net of fees")
        }
        guard payments.count <= Limits.paymentsMax else { throw EscrowRefusal(.tooManyPayments, in: state) }
        return payments
    }

    /// A payment the agreement fixes (by amount or percentage), split over its payee's own
    /// signed written wire instructions and citing the clause that provides for it.
    static func paymentsToInstructions(
        _ state: EscrowState, payee: PartyID, amount: Money, purpose: String, clause: String
    ) throws(EscrowRefusal) -> [Payment] {
        guard let instructions = state.instructions[payee] else {
            throw EscrowRefusal(.payeesWithoutInstructions([payee]), in: state)
        }
        return try allocate(amount, over: instructions.lines, of: payee, under: .release, state).map { line in
            Payment(payee: .party(payee), amount: line.1, destination: line.0.description, purpose: purpose, clause: clause)
        }
    }

    /// Splits the remainder over the remainder payee's written instructions.
    static func instructedPayments(
        _ state: EscrowState, party: PartyID, amount: Money, purpose: String
    ) throws(EscrowRefusal) -> [Payment] {
        guard let instructions = state.instructions[party] else {
            throw EscrowRefusal(.noWireInstructions(party, afterHold: false), in: state)
        }
        let split = try allocate(amount, over: instructions.lines, of: party, under: .remainder, state)
        let clause = state.terms.cite(.remainder)
        return split.map { line in
            Payment(payee: .party(party), amount: line.1, destination: line.0.description, purpose: purpose, clause: clause)
        }
    }

    /// Fixed lines first, in order, then the one open line takes the rest; `rule` is what the
    /// payment is made under (the remainder, or a refund).
    static func allocate(
        _ amount: Money, over lines: [InstructionLine], of party: PartyID, under rule: Rule, _ state: EscrowState
    ) throws(EscrowRefusal) -> [(BankAccount, Money)] {
        var rest = amount
        var result: [(BankAccount, Money)] = []
        var openLine: BankAccount? = nil
        for line in lines {
            if let fixed = line.amount {
                rest = try money(rest.subtracting(fixed), state)
                result.append((line.account, fixed))
            } else {
                openLine = line.account
            }
        }
        guard !rest.isNegative else {
            throw EscrowRefusal(.instructionsAllotTooMuch(party, amount: amount, under: rule), in: state)
        }
        if let openLine {
            if rest.isPositive { result.append((openLine, rest)) }
        } else if rest.isPositive {
            let allotted = try money(amount.subtracting(rest), state)
            throw EscrowRefusal(.instructionsLeaveRest(party, amount: amount, allotted: allotted, under: rule), in: state)
        }
        return result
    }

    /// 1.7: the agent returns the purchasers' funds on command once the deadline has passed
    /// (wires that arrive after the refund fell due are returned the same way).
    static func refund(_ state: EscrowState, at now: Date) throws(EscrowRefusal) -> [EscrowEvent] {
        guard state.refundDeadlineMissed != nil else { throw EscrowRefusal(.refundDeadlineNotPassed, in: state) }
        if state.phase != .refunded { try requireOpenForAgentAct(state) }
        return try refundEvents(state, at: now, courtDocket: nil)
    }

    /// The refund falling due and what of it can be paid now.
    ///
    /// Under the refund rule every depositor's own money falls due at once (one
    /// ``RefundsFellDue`` line each). A purchaser whose signed written wire instructions are in
    /// is paid at once to them; one whose instructions are not is owed until they arrive
    /// (``followUps(_:at:)`` pays it then), unless the agreement lets a refund go back to the
    /// originating wire. A sender who is not a party can only be repaid the way its wire came.
    /// Unpaid counsel costs (2.11) come out first, borne pro rata. Under a court order every
    /// share is paid at once, as the court directs.
    static func refundEvents(_ state: EscrowState, at now: Date, courtDocket: String?) throws(EscrowRefusal) -> [EscrowEvent] {
        guard state.activeHolds.isEmpty || courtDocket != nil else { throw EscrowRefusal(.fundsUnderHold, in: state) }
        guard state.agentCanAct || courtDocket != nil else { throw EscrowRefusal(.refundByResignedAgent, in: state) }
        guard state.ledger.held.isPositive else { throw EscrowRefusal(.noFundsHeld(under: .refund), in: state) }
        let rule: Rule = courtDocket == nil ? .refund : .courtOrders
        let clause = state.terms.cite(rule)
        // Money already owed stays owed to the same depositors; only the rest is shared out now.
        let alreadyOwed = state.refundsOwed
        let owedTotal = try money(Money.sum(alreadyOwed.map(\.amount), state.currency), state).amountMinorUnits
        let held = state.ledger.held.amountMinorUnits - (courtDocket == nil ? owedTotal : 0)
        guard held > 0 else {
            throw EscrowRefusal(.refundsAwaitingInstructions(alreadyOwed.compactMap { if case .party(let id) = $0.payee { id } else { nil } }), in: state)
        }
        var payments: [Payment] = []
        // Counsel costs (2.11) come first, when the funds cover them.
        let counsel = state.unpaidCounselClaims
        var counselTotal = try money(Money.sum(counsel.map(\.amount), state.currency), state).amountMinorUnits
        if counselTotal > held { counselTotal = 0 }
        if counselTotal > 0 {
            for claim in counsel {
                payments.append(
                    Payment(
                        payee: .counsel(claim.counsel), amount: claim.amount, destination: "per counsel's invoice \(claim.invoiceSHA256.prefix(12))",
                        purpose: "escrow agent's counsel costs", clause: state.terms.cite(.counselCosts)))
            }
        }
        // A court's order pays what is owed too; the refund rule leaves it to its instructions.
        func owedNow(_ payee: PayeeID) -> Money { courtDocket == nil ? state.refundOwed(to: payee) : Money(minorUnits: 0, state.currency) }
        struct Share { var payee: PayeeID; var purchaser: PartyID?; var amount: Int64; var destination: String }
        var shares: [Share] = []
        for purchaser in state.terms.purchasers {
            // What this purchaser wired, less what was returned to it or is owed to it already.
            let payee = PayeeID.party(purchaser.id)
            let back = try money(state.ledger.balance(.refunded(payee)).adding(owedNow(payee)), state)
            let amount = try money(state.deposited(by: purchaser.id).subtracting(back), state).amountMinorUnits
            if amount > 0 {
                shares.append(Share(payee: payee, purchaser: purchaser.id, amount: amount, destination: returnDestination(state, purchaser: purchaser.id)))
            }
        }
        // Unidentified wires, grouped by sender in order of first arrival.
        var unidentified: [(sender: String, amount: Money, references: [String])] = []
        var senderIndex: [String: Int] = [:]
        for deposit in state.unidentifiedDeposits {
            if let index = senderIndex[deposit.senderName] {
                unidentified[index].amount = try money(unidentified[index].amount.adding(deposit.amount), state)
                unidentified[index].references.append(deposit.bankReference)
            } else {
                senderIndex[deposit.senderName] = unidentified.count
                unidentified.append((deposit.senderName, deposit.amount, [deposit.bankReference]))
            }
        }
        for entry in unidentified {
            let payee = PayeeID.outside(entry.sender)
            let back = try money(state.ledger.balance(.refunded(payee)).adding(owedNow(payee)), state)
            let amount = try money(entry.amount.subtracting(back), state).amountMinorUnits
            if amount > 0 {
                shares.append(Share(payee: payee, purchaser: nil, amount: amount, destination: "return of wire \(entry.references.joined(separator: ", "))"))
            }
        }
        // Whatever left the escrow otherwise (counsel now, court-ordered payments before) is
        // borne by the depositors in proportion to what each has in it.
        let owed = try money(Money.sum(shares.map { Money(minorUnits: $0.amount, state.currency) }, state.currency), state).amountMinorUnits
        let shortfall = max(0, owed - (held - counselTotal))
        let charges = proRata(shortfall, weights: shares.map(\.amount))
        let originatingAllowed = courtDocket != nil || (state.terms.refund?.mayReturnToOriginatingAccount ?? false)
        var due: [Payment] = []
        for (share, charge) in zip(shares, charges) where share.amount - charge > 0 {
            let amount = Money(minorUnits: share.amount - charge, state.currency)
            let purpose = share.purchaser == nil ? "wire from a sender who is not a purchaser returned" : "subscription funds returned"
            if let purchaser = share.purchaser, let instructions = state.instructions[purchaser] {
                due.append(Payment(payee: share.payee, amount: amount, destination: describe(instructions.lines), purpose: purpose, clause: clause))
                for (account, part) in try allocate(amount, over: instructions.lines, of: purchaser, under: rule, state) {
                    payments.append(Payment(payee: share.payee, amount: part, destination: account.description, purpose: purpose, clause: clause))
                }
            } else if share.purchaser == nil || originatingAllowed {
                due.append(Payment(payee: share.payee, amount: amount, destination: share.destination, purpose: purpose, clause: clause))
                payments.append(Payment(payee: share.payee, amount: amount, destination: share.destination, purpose: purpose, clause: clause))
            } else {
                due.append(
                    Payment(payee: share.payee, amount: amount, destination: Self.awaitingInstructions, purpose: purpose, clause: clause))
            }
        }
        let dueTotal = try sum(due, state)
        let counselPaid = try sum(payments.filter { EscrowState.isCounselPayment($0) }, state)
        let planned = try money(dueTotal.adding(counselPaid), state)
        guard planned.amountMinorUnits == held else {
            throw EscrowRefusal(.refundPlanMismatch(returned: planned, held: Money(minorUnits: held, state.currency), under: rule), in: state)
        }
        var events: [EscrowEvent] = []
        if courtDocket == nil, !due.isEmpty { events.append(.refundsFellDue(RefundsFellDue(owed: due, total: dueTotal, at: now))) }
        if !payments.isEmpty {
            events.append(.refunded(Refunded(payments: payments, total: try sum(payments, state), courtDocket: courtDocket, at: now)))
        }
        return events
    }

    /// Where an owed refund goes while its depositor's instructions are not in.
    static let awaitingInstructions = "awaiting the depositor's signed written wire instructions"

    /// A refund owed to a purchaser whose signed instructions are now in is paid to them.
    static func owedRefundPayment(_ state: EscrowState, at now: Date) -> EscrowEvent? {
        guard state.phase == .refunded, state.activeHolds.isEmpty, state.agentCanAct else { return nil }
        for (payee, amount) in state.refundsOwed {
            guard case .party(let purchaser) = payee, let instructions = state.instructions[purchaser],
                let split = try? allocate(amount, over: instructions.lines, of: purchaser, under: .refund, state)
            else { continue }
            let clause = state.terms.cite(.refund)
            let payments = split.map { account, part in
                Payment(payee: payee, amount: part, destination: account.description, purpose: "subscription funds returned", clause: clause)
            }
            guard let total = try? sum(payments, state) else { continue }
            return .refunded(Refunded(payments: payments, total: total, courtDocket: nil, at: now))
        }
        return nil
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
        try money(Money.sum(payments.map(\.amount), state.currency), state)
    }

    static func money(_ body: @autoclosure () throws(MoneyError) -> Money, _ state: EscrowState) throws(EscrowRefusal) -> Money {
        do { return try body() } catch { throw EscrowRefusal(.amountArithmetic(error), in: state) }
    }
}
