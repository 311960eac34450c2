extension EscrowRefusal {
    /// The rule that refused a command, with the values it refused on: one case per way the
    /// agreement (or the desk) can say no. Each case makes its own sentence, citation and
    /// kind, so nothing about a refusal is written where it is thrown, and a test can assert
    /// which rule refused: `#expect(refusal.cause == .releaseNoticeIncomplete(missing: ["purchaser-3"]))`.
    public enum Cause: Hashable, Sendable {
        // MARK: Any input

        /// A party named by a command is not a party to this escrow.
        case notAParty(PartyID, as: Field)
        /// A text input is empty or only spaces.
        case textEmpty(Field)
        /// A text input is longer than ``Limits/textBytesMax``.
        case textTooLong(Field)
        /// An amount is in another currency than the escrow's.
        case amountInOtherCurrency(Field, currency: Currency, escrowCurrency: Currency)
        /// An amount is zero or negative.
        case amountNotPositive(Field)
        /// An amount is above the currency's ceiling.
        case amountAboveCeiling(Field, ceiling: Money)
        /// A date falls outside the years the business calendar covers.
        case dateOutsideCalendar(Field, date: CivilDate)
        /// A hash is not a SHA-256 in 64 lowercase hex digits.
        case hashMalformed(Field)
        /// A sum or difference of amounts cannot be formed (overflow, ceiling, currency).
        case amountArithmetic(MoneyError)

        // MARK: The escrow account

        /// An escrow id uses characters ids may not have, or is too long.
        case escrowIDMalformed
        /// An escrow with this id already exists in the store.
        case escrowExists(EscrowID)
        /// The events decided cannot be folded into the escrow (a check of last resort).
        case escrowAccountCannotTake(reason: String)
        /// A bank reference already names another wire.
        case bankReferenceReused(reference: String, deposit: DepositID, amount: Money)
        /// A wire would take the money received above the ceiling one escrow holds.
        case depositsAboveCeiling(total: Money, ceiling: Money)

        // MARK: Conditions and advice

        /// The advice of funds received was already given.
        case adviceAlreadyGiven(amount: Money)
        /// Advice asked for after the refund deadline passed.
        case adviceAfterRefundDeadline(deadline: Deadline)
        /// Conditions are still outstanding, by id.
        case conditionsNotMet([ConditionID])
        /// A document is delivered for a condition met by deposits.
        case conditionMetByDeposits(ConditionID)
        /// A document is delivered for something that is not a condition of this escrow.
        case notACondition(ConditionID)
        /// A document comes from a party the condition does not name.
        case documentFromWrongParty(ConditionID, from: PartyID)
        /// A party's document for a condition is already in, with another content.
        case documentAlreadyReceived(ConditionID, from: PartyID, sha256: String)
        /// A document's size is negative.
        case documentSizeNegative

        // MARK: Release

        /// Release asked for after the refund deadline passed without the trigger condition.
        case releaseAfterRefundDeadline(condition: ConditionID, deadline: Deadline)
        /// The funds were already returned under the refund.
        case fundsReturned
        /// The funds were already delivered to a court.
        case fundsWithCourt
        /// The agent has resigned; only the handover may follow.
        case agentResigned
        /// A dispute hold covers all funds.
        case holdCoversAllFunds
        /// The release instrument lacks these signers' counterparts.
        case releaseNoticeIncomplete(missing: [PartyID])
        /// Court-ordered payments left the funds held short of the deposits.
        case fundsChangedByCourtOrder(held: Money)
        /// The funds were already released.
        case alreadyReleased
        /// A payee has given no written wire instructions; `afterHold` when what a hold kept
        /// back is being released.
        case noWireInstructions(PartyID, afterHold: Bool)
        /// Payees the agreement pays at release have given no signed written wire instructions;
        /// each is paid only to its own, so nothing is released until all are in.
        case payeesWithoutInstructions([PartyID])
        /// A party's written instructions allot more than the amount to be paid.
        case instructionsAllotTooMuch(PartyID, amount: Money, under: Rule)
        /// A party's written instructions allot part of the amount and name no account for the rest.
        case instructionsLeaveRest(PartyID, amount: Money, allotted: Money, under: Rule)
        /// What holds leave is less than the fixed payments.
        case fixedPaymentsNotCovered(retained: Money)
        /// The plan would have more than ``Limits/paymentsMax`` payments.
        case tooManyPayments

        // MARK: Refund

        /// Refund asked for before the refund deadline passed without the trigger condition.
        case refundDeadlineNotPassed
        /// A dispute hold keeps the funds from being refunded.
        case fundsUnderHold
        /// The agent has resigned, so it refunds nothing.
        case refundByResignedAgent
        /// No funds are held to pay out, under the rule named.
        case noFundsHeld(under: Rule)
        /// Everything held is a refund owed to depositors whose signed instructions are not in.
        case refundsAwaitingInstructions([PartyID])
        /// The refund plan does not add up to the funds held (a check of last resort).
        case refundPlanMismatch(returned: Money, held: Money, under: Rule)

        // MARK: Signatures and instructions

        /// A public key is not a base64 Ed25519 key.
        case publicKeyMalformed
        /// The key is already registered for another party.
        case keyRegisteredToAnother(PartyID)
        /// The instrument to sign does not exist.
        case nothingToSign(Instrument)
        /// Payment instructions are signed as they are given, not afterwards.
        case instructionsSignedWhenGiven
        /// The party is not one of the instrument's signers.
        case notASigner(PartyID, instrument: Instrument)
        /// The party has already signed the instrument.
        case alreadySigned(PartyID, instrument: Instrument)
        /// The release instrument signed after the refund deadline passed.
        case releaseNoticeAfterRefundDeadline(deadline: Deadline)
        /// The release instrument signed before the advice.
        case releaseNoticeBeforeAdvice
        /// The amendment is already effective.
        case amendmentAlreadyEffective(AmendmentID)
        /// The signer has no registered key.
        case noSigningKey(PartyID)
        /// The signature is another party's.
        case signatureByAnotherParty(signer: PartyID, actual: PartyID)
        /// The signature does not verify over the instrument's text with the signer's key.
        case signatureInvalid(PartyID, instrument: Instrument)
        /// The party is paid nothing under this escrow, so gives no wire instructions.
        case paidNothing(PartyID)
        /// Instructions name no account, or more than ``Limits/instructionLinesMax``.
        case instructionLineCount
        /// More than one account would take the rest.
        case severalRestAccounts
        /// A routing number is not 9 digits.
        case routingNumberMalformed(String)
        /// An account number is not 4 to 17 digits.
        case accountNumberMalformed
        /// The fixed amounts of the instructions together pass the ceiling.
        case instructionsAboveCeiling(total: Money, ceiling: Money)

        // MARK: Amendments

        /// An amendment with this id was already proposed.
        case amendmentAlreadyProposed(AmendmentID)
        /// An amendment changes nothing.
        case amendmentChangesNothing
        /// The deadline to extend does not exist.
        case noSuchDeadline(DeadlineID)
        /// An extension does not move the deadline later.
        case extensionNotLater(DeadlineID, current: CivilDate)
        /// The refund deadline cannot be extended once it has passed.
        case extensionAfterRefundDeadline
        /// The payee receives no fixed payment to change.
        case noFixedPayment(PartyID)

        // MARK: Court orders, holds, counsel, further instruments, notices

        /// The court order is already recorded.
        case courtOrderAlreadyRecorded(docket: String)
        /// There is no active hold with this id.
        case noActiveHold(HoldID)
        /// Only a final order lifts a dispute hold.
        case orderNotFinal(docket: String)
        /// A court-ordered disbursement names no payment, or more than ``Limits/paymentsMax``.
        case courtPaymentCount
        /// A court order directs more than is held.
        case courtOrderExceedsFunds(docket: String, total: Money, held: Money)
        /// A hold with this id already exists.
        case holdExists(HoldID)
        /// The holds together would exceed the funds held.
        case holdsExceedFunds(total: Money, held: Money)
        /// A hold by the agent must name the parties whose agreement settles it.
        case holdNeedsParties
        /// Counsel costs are claimed only before the funds leave the escrow.
        case counselClaimAfterFundsLeft
        /// Further instruments are requested only before the funds leave the escrow.
        case instrumentRequestAfterFundsLeft
        /// The condition id is already a condition of this escrow.
        case conditionExists(ConditionID)
        /// A further instrument request names nobody to furnish it.
        case instrumentNeedsParties
        /// A notice names no recipient.
        case noticeNeedsRecipient

        // MARK: Resignation and succession

        /// The agent has already resigned.
        case alreadyResigned
        /// A successor is proposed before the agent resigned.
        case successorBeforeResignation
        /// A successor is already appointed.
        case successorAlreadyAppointed
        /// The successor's id is taken or empty.
        case successorIDTaken(PartyID)
        /// No successor has been appointed.
        case noSuccessorAppointed
        /// The party taking over is not the appointed successor.
        case notTheAppointedSuccessor(appointed: PartyID, claimed: PartyID)
        /// The successor has already taken over.
        case handoverAlreadyAccepted(PartyID)
        /// A handover is exported before the agent resigned and a successor was appointed.
        case handoverNotReady
        /// The store receiving a handover already holds the escrow.
        case escrowAlreadyInStore(EscrowID)

        // MARK: Desk controls

        /// A command is wrapped in more than one desk control.
        case deskControlNested
        /// The checker is the maker.
        case makerIsChecker(user: String)
        /// The control does not guard this command.
        case controlDoesNotApply(DeskControl.Kind, command: String)
        /// The request was already approved or rejected by a second agent user.
        case approvalAlreadyDecided(ApprovalID, String)

        // MARK: The bank

        /// A bank file, payment file or exception refused (ISO 20022).
        case bank(BankRefusal)

        // MARK: Joint written instructions

        /// Joint written instructions refused (the file's `instruments.jointInstructions`).
        case jointInstructions(JointInstructionsRefusal)

        /// What kind of refusal it is, for a boundary to choose an exit code or status.
        public var kind: Kind {
            switch self {
            case .bank(let refusal):
                refusal.kind
            case .jointInstructions(let refusal):
                refusal.kind
            case .notAParty, .textEmpty, .textTooLong, .amountInOtherCurrency, .amountNotPositive, .amountAboveCeiling,
                .dateOutsideCalendar, .hashMalformed, .amountArithmetic, .escrowIDMalformed, .escrowAccountCannotTake,
                .bankReferenceReused, .depositsAboveCeiling, .conditionMetByDeposits, .documentFromWrongParty,
                .documentSizeNegative, .tooManyPayments, .publicKeyMalformed, .keyRegisteredToAnother,
                .instructionsSignedWhenGiven, .notASigner, .noSigningKey, .signatureByAnotherParty, .signatureInvalid,
                .paidNothing, .instructionLineCount, .severalRestAccounts, .routingNumberMalformed, .accountNumberMalformed,
                .instructionsAboveCeiling, .amendmentChangesNothing, .extensionNotLater, .courtPaymentCount,
                .courtOrderExceedsFunds, .holdsExceedFunds, .holdNeedsParties, .instrumentNeedsParties,
                .noticeNeedsRecipient, .successorIDTaken, .notTheAppointedSuccessor, .deskControlNested,
                .controlDoesNotApply:
                .invalid
            case .escrowExists, .adviceAlreadyGiven, .documentAlreadyReceived, .fundsReturned, .fundsWithCourt,
                .alreadyReleased, .noFundsHeld, .alreadySigned, .amendmentAlreadyEffective, .amendmentAlreadyProposed,
                .courtOrderAlreadyRecorded, .holdExists, .counselClaimAfterFundsLeft, .instrumentRequestAfterFundsLeft,
                .conditionExists, .alreadyResigned, .successorAlreadyAppointed, .handoverAlreadyAccepted,
                .escrowAlreadyInStore, .approvalAlreadyDecided:
                .alreadyDone
            case .notACondition, .nothingToSign, .noSuchDeadline, .noFixedPayment, .noActiveHold:
                .notFound
            case .adviceAfterRefundDeadline, .conditionsNotMet, .releaseAfterRefundDeadline, .agentResigned,
                .holdCoversAllFunds, .releaseNoticeIncomplete, .fundsChangedByCourtOrder, .noWireInstructions,
                .payeesWithoutInstructions,
                .instructionsAllotTooMuch, .instructionsLeaveRest, .fixedPaymentsNotCovered, .refundDeadlineNotPassed,
                .fundsUnderHold, .refundByResignedAgent, .refundPlanMismatch, .releaseNoticeAfterRefundDeadline,
                .refundsAwaitingInstructions,
                .releaseNoticeBeforeAdvice, .extensionAfterRefundDeadline, .orderNotFinal, .successorBeforeResignation,
                .noSuccessorAppointed, .handoverNotReady, .makerIsChecker:
                .forbidden
            }
        }
    }
}
