extension EscrowRefusal.Cause {
    /// What the refusal cites: the rules (and stated clauses) that refuse.
    func citation(in context: RefusalContext) -> [Citation] {
        let rules: [Rule]
        switch self {
        case .notAParty(_, let field), .textEmpty(let field), .textTooLong(let field),
            .amountInOtherCurrency(let field, _, _), .amountNotPositive(let field), .amountAboveCeiling(let field, _),
            .dateOutsideCalendar(let field, _), .hashMalformed(let field):
            return field.citation(under: context.terms)
        case .amountArithmetic, .escrowIDMalformed, .escrowExists, .escrowAccountCannotTake, .depositsAboveCeiling:
            rules = [.escrowAccount]
        case .bankReferenceReused:
            rules = [.depositInstructions]
        case .adviceAlreadyGiven, .notACondition, .documentSizeNegative:
            rules = [.advice]
        case .conditionsNotMet(let pending):
            // Each outstanding condition's own clause, once, in order of the text.
            let cited = Set(pending.map { context.cite(context.condition($0)?.citation ?? [.rule(.advice)]) })
            return cited.isEmpty ? [.rule(.advice)] : cited.sorted().map(Citation.stated)
        case .conditionMetByDeposits(let id), .documentFromWrongParty(let id, _), .documentAlreadyReceived(let id, _, _):
            return context.condition(id)?.citation ?? [.rule(.advice)]
        case .adviceAfterRefundDeadline, .releaseAfterRefundDeadline, .fundsReturned, .refundDeadlineNotPassed,
            .releaseNoticeAfterRefundDeadline, .extensionAfterRefundDeadline, .refundsAwaitingInstructions:
            rules = [.refund]
        case .fundsWithCourt, .holdCoversAllFunds, .fundsUnderHold, .noActiveHold, .orderNotFinal, .holdExists,
            .holdsExceedFunds, .holdNeedsParties:
            rules = [.dispute]
        case .agentResigned, .refundByResignedAgent, .alreadyResigned:
            rules = [.resignation]
        case .releaseNoticeIncomplete:
            rules = [.release, .releaseInstrumentForm]
        case .fundsChangedByCourtOrder:
            rules = [.release, .courtOrders]
        case .alreadyReleased, .tooManyPayments, .noFixedPayment:
            rules = [.release]
        case .payeesWithoutInstructions:
            rules = [.release, .remainder]
        case .noWireInstructions(_, let afterHold):
            rules = afterHold ? [.remainder, .dispute] : [.remainder]
        case .instructionsAllotTooMuch(_, _, let rule), .instructionsLeaveRest(_, _, _, let rule), .noFundsHeld(let rule),
            .refundPlanMismatch(_, _, let rule):
            rules = [rule]
        case .fixedPaymentsNotCovered:
            rules = [.release, .dispute]
        case .publicKeyMalformed, .keyRegisteredToAnother, .noSigningKey, .signatureByAnotherParty, .signatureInvalid:
            rules = [.reliance]
        case .nothingToSign(let instrument), .notASigner(_, let instrument), .alreadySigned(_, let instrument):
            return instrument.citation(under: context.terms)
        case .instructionsSignedWhenGiven:
            return Instrument.paymentInstructions("").citation(under: context.terms)
        case .releaseNoticeBeforeAdvice:
            rules = [.releaseInstrument]
        case .amendmentAlreadyEffective(let id):
            return Instrument.amendment(id).citation(under: context.terms)
        case .paidNothing, .instructionLineCount, .severalRestAccounts, .routingNumberMalformed, .accountNumberMalformed,
            .instructionsAboveCeiling:
            rules = [.remainder]
        case .amendmentAlreadyProposed, .amendmentChangesNothing:
            rules = [.amendments]
        case .noSuchDeadline, .extensionNotLater:
            rules = [.deadlineExtensions]
        case .courtOrderAlreadyRecorded, .courtPaymentCount, .courtOrderExceedsFunds:
            rules = [.courtOrders]
        case .counselClaimAfterFundsLeft:
            rules = [.counselCosts]
        case .instrumentRequestAfterFundsLeft, .conditionExists, .instrumentNeedsParties:
            rules = [.furtherInstruments]
        case .noticeNeedsRecipient:
            rules = [.notices]
        case .successorBeforeResignation, .successorAlreadyAppointed, .successorIDTaken, .noSuccessorAppointed,
            .notTheAppointedSuccessor, .handoverAlreadyAccepted, .handoverNotReady, .escrowAlreadyInStore:
            rules = [.succession]
        case .deskControlNested, .makerIsChecker, .controlDoesNotApply, .approvalAlreadyDecided:
            rules = [.deskControl]
        case .bank(let refusal):
            rules = refusal.rules
        case .jointInstructions(let refusal):
            return refusal.citation(in: context)
        }
        return rules.map(Citation.rule)
    }
}
