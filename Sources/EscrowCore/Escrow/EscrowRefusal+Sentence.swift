extension EscrowRefusal.Cause {
    /// The plain sentence, worded against the escrow's terms and state.
    func sentence(in context: RefusalContext) -> String {
        let ceilingNote = "(limit amountMajorUnitsMax)"
        /// "the 1.7 deadline", or "the refund deadline" when the agreement does not number it.
        let refundDeadline = "the \(context.number(.refund) ?? "refund") deadline"
        switch self {
        case .bank(let refusal):
            return refusal.sentence
        case .jointInstructions(let refusal):
            return refusal.sentence(in: context)
        case .notAParty(let party, _):
            return "'\(party)' is not a party to this escrow"
        case .textEmpty(let field):
            return "\(field) must not be empty"
        case .textTooLong(let field):
            return "\(field) is longer than the limit of \(Limits.textBytesMax) bytes"
        case .amountInOtherCurrency(let field, let currency, let escrowCurrency):
            return "\(field) is in \(currency.code); this escrow holds \(escrowCurrency.code)"
        case .amountNotPositive(let field):
            return "\(field) must be positive"
        case .amountAboveCeiling(let field, let ceiling):
            return "\(field) is above the largest amount accepted, \(ceiling) \(ceilingNote)"
        case .dateOutsideCalendar(let field, let date):
            let years = context.state?.calendar.years ?? BusinessCalendar.supportedYears
            return "\(field) \(date) is outside the years the business calendar covers, \(years.lowerBound) to \(years.upperBound)"
        case .hashMalformed(let field):
            return "\(field) must be a SHA-256 in 64 lowercase hex digits"
        case .amountArithmetic(let error):
            return error.description

        case .escrowIDMalformed:
            return "escrow id must be 1 to \(Limits.identifierLengthMax) letters, digits, '-', '_' or '.'"
        case .escrowExists(let id):
            return "escrow \(id) already exists"
        case .escrowAccountCannotTake(let reason):
            return "the escrow account cannot take this: \(reason)"
        case .bankReferenceReused(let reference, let deposit, let amount):
            return "bank reference \(reference) is already recorded as \(deposit) for \(amount); a different wire needs its own reference"
        case .depositsAboveCeiling(let total, let ceiling):
            return "this wire would take the money received in this escrow to \(total), above the largest amount one escrow holds, \(ceiling) \(ceilingNote)"

        case .adviceAlreadyGiven(let amount):
            return "the advice of \(amount) was already given"
        case .adviceAfterRefundDeadline(let deadline):
            return "\(refundDeadline) \(deadline) has passed; the funds go back"
        case .conditionsNotMet(let pending):
            let list = pending.map { id in
                let title = context.condition(id)?.title ?? id.rawValue
                let outstanding = context.state?.conditions.first { $0.id == id }?.outstanding ?? []
                return "\(title) (awaiting \(context.names(outstanding)))"
            }
            return "conditions not met: \(list.joined(separator: "; "))"
        case .conditionMetByDeposits(let id):
            return "'\(id)' is met by deposits, not by a document"
        case .notACondition(let id):
            return "'\(id)' is not a condition of this escrow"
        case .documentFromWrongParty(let id, let from):
            let expected = context.condition(id)
            return "\(expected?.title ?? id.rawValue) is to come from \(context.names(expected?.from ?? [])), not \(context.name(from))"
        case .documentAlreadyReceived(let id, let from, let sha256):
            let title = context.condition(id)?.title ?? id.rawValue
            return "\(title) from \(context.name(from)) was already received with another content (sha256 \(sha256.prefix(12))…)"
        case .documentSizeNegative:
            return "document size must not be negative"

        case .releaseAfterRefundDeadline(let condition, let deadline):
            let title = context.condition(condition)?.title ?? condition.rawValue
            return "\(title) was not received by \(deadline); the funds go back to the purchasers"
        case .fundsReturned:
            return "the funds were returned to the purchasers"
        case .fundsWithCourt:
            return "the funds were delivered to the court"
        case .agentResigned:
            return "the escrow agent has resigned; only a handover to the appointed successor may follow"
        case .holdCoversAllFunds:
            return "a dispute hold covers all funds"
        case .releaseNoticeIncomplete(let missing):
            return "\(context.releaseTitle) lacks counterparts from \(context.names(missing))"
        case .fundsChangedByCourtOrder(let held):
            return "the funds held (\(held)) no longer match the deposits after court-ordered payments; further payments follow the court's directions"
        case .alreadyReleased:
            return "the funds were already released"
        case .payeesWithoutInstructions(let payees):
            return "each payee is paid only to its own signed written wire instructions, and none are in from \(context.names(payees))"
        case .noWireInstructions(let party, _):
            return "\(context.name(party)) has given no written wire instructions"
        case .instructionsAllotTooMuch(let party, let amount, _):
            return "\(context.name(party))'s written instructions allot more than the \(amount) to be paid"
        case .instructionsLeaveRest(let party, let amount, let allotted, _):
            return "\(context.name(party))'s written instructions allot \(allotted) of the \(amount) to be paid and name no account for the rest"
        case .fixedPaymentsNotCovered(let retained):
            return "the funds available (after \(retained) retained under hold) do not cover the fixed payments"
        case .tooManyPayments:
            return "the plan has more than \(Limits.paymentsMax) payments"

        case .refundDeadlineNotPassed:
            return "\(refundDeadline) has not passed without the trigger condition"
        case .fundsUnderHold:
            return "funds are under a dispute hold"
        case .refundByResignedAgent:
            return "the escrow agent has resigned"
        case .refundsAwaitingInstructions(let payees):
            return "everything held is owed as refunds to \(context.names(payees)), each paid when its signed written wire instructions are in"
        case .noFundsHeld:
            return "no funds are held"
        case .refundPlanMismatch(let returned, let held, _):
            return "the refund plan returns \(returned) but \(held) is held; nothing was paid"

        case .publicKeyMalformed:
            return "the public key is not a base64 Ed25519 public key"
        case .keyRegisteredToAnother(let owner):
            return "this key is already registered for \(context.name(owner))"
        case .nothingToSign(let instrument):
            return "there is no \(context.title(instrument)) to sign"
        case .instructionsSignedWhenGiven:
            return "payment instructions are signed when they are given"
        case .notASigner(let party, let instrument):
            let required = context.state?.requiredSigners(of: instrument) ?? []
            return "\(context.name(party)) is not a signer of the \(context.title(instrument)); it is executed by \(context.names(required))"
        case .alreadySigned(let party, let instrument):
            return "\(context.name(party)) has already signed the \(context.title(instrument))"
        case .releaseNoticeAfterRefundDeadline(let deadline):
            return "\(refundDeadline) \(deadline) has passed"
        case .releaseNoticeBeforeAdvice:
            let advice = context.number(.advice) ?? Rule.advice.words
            return "the \(context.releaseTitle) is delivered after the agent advises that every condition is in (\(advice)); it has not yet"
        case .amendmentAlreadyEffective(let id):
            return "amendment \(id) is already effective"
        case .noSigningKey(let party):
            return "\(context.name(party)) has no registered signing key; register one before signing"
        case .signatureByAnotherParty(let signer, let actual):
            return "the signature is \(context.name(actual))'s, not \(context.name(signer))'s"
        case .signatureInvalid(let signer, let instrument):
            return "the signature does not verify against \(context.name(signer))'s key over the text of the \(context.title(instrument))"
        case .paidNothing(let party):
            return "\(context.name(party)) is paid nothing under this escrow and gives no wire instructions"
        case .instructionLineCount:
            return "instructions need 1 to \(Limits.instructionLinesMax) accounts"
        case .severalRestAccounts:
            return "at most one account may take the rest"
        case .routingNumberMalformed(let routing):
            return "routing number '\(routing)' must be 9 digits"
        case .accountNumberMalformed:
            return "account number must be 4 to 17 digits"
        case .instructionsAboveCeiling(let total, let ceiling):
            return "the accounts' fixed amounts total \(total), above the largest amount accepted, \(ceiling) \(ceilingNote)"

        case .amendmentAlreadyProposed(let id):
            return "amendment \(id) was already proposed"
        case .amendmentChangesNothing:
            return "an amendment must change something"
        case .noSuchDeadline(let id):
            return "there is no deadline '\(id)'"
        case .extensionNotLater(let id, let current):
            return "deadline \(id) is \(current); an extension must move it later"
        case .extensionAfterRefundDeadline:
            return "\(refundDeadline) has already passed and the refund is due"
        case .noFixedPayment(let payee):
            return "\(payee) receives no fixed payment"

        case .courtOrderAlreadyRecorded(let docket):
            return "court order \(docket) is already recorded"
        case .noActiveHold(let id):
            return "there is no active hold '\(id)'"
        case .orderNotFinal(let docket):
            return "a dispute hold is lifted only by a final order after the time for appeal has expired; order \(docket) is not final"
        case .courtPaymentCount:
            return "a court-ordered disbursement needs 1 to \(Limits.paymentsMax) payments"
        case .courtOrderExceedsFunds(let docket, let total, let held):
            return "order \(docket) directs \(total) but \(held) is held"
        case .holdExists(let id):
            return "hold \(id) already exists"
        case .holdsExceedFunds(let total, let held):
            return "holds would total \(total) but only \(held) is held"
        case .holdNeedsParties:
            return "name the parties concerned, whose mutual written agreement will settle the dispute"
        case .counselClaimAfterFundsLeft:
            return "counsel costs are claimed before the funds leave the escrow"
        case .instrumentRequestAfterFundsLeft:
            return "the funds have left the escrow"
        case .conditionExists(let id):
            return "'\(id)' is already a condition of this escrow"
        case .instrumentNeedsParties:
            return "name the parties to furnish the instrument"
        case .noticeNeedsRecipient:
            return "a notice needs at least one recipient"

        case .alreadyResigned:
            return "the escrow agent has already resigned"
        case .successorBeforeResignation:
            return "a successor is appointed after the escrow agent resigns"
        case .successorAlreadyAppointed:
            return "a successor is already appointed"
        case .successorIDTaken(let id):
            return "the successor needs an id of its own, not '\(id)'"
        case .noSuccessorAppointed:
            return "no successor has been appointed by the company and every purchaser"
        case .notTheAppointedSuccessor(let appointed, let claimed):
            return "the appointed successor is \(appointed), not \(claimed)"
        case .handoverAlreadyAccepted(let successor):
            return "\(successor) has already taken over"
        case .handoverNotReady:
            return "handover refused: the agent must resign and a successor must be appointed first"
        case .escrowAlreadyInStore(let id):
            return "this store already holds escrow \(id)"

        case .deskControlNested:
            return "a command is let through by one desk control, not several"
        case .makerIsChecker(let user):
            return "agent user \(user) made the request and cannot also check it; a second agent user must"
        case .controlDoesNotApply(let kind, let command):
            return "a \(kind.rawValue) control does not apply to \(command)"
        case .approvalAlreadyDecided(let id, let decision):
            return "request \(id) was already \(decision) by a second agent user; it is decided once"
        }
    }
}
