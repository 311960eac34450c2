/// How a signer's execution of a counterpart reaches the agent.
public enum SignatureEvidence: Hashable, Sendable, Codable {
    /// An Ed25519 signature (base64) over the instrument's ``SigningMessage``.
    case ed25519(signatureBase64: String)
    /// A paper counterpart: the SHA-256 of its scan and the agent user attesting it.
    case paper(scanSHA256: String, attestedBy: String)
}

/// Everything a party or the agent can ask of an escrow. ``EscrowDecider`` turns a command
/// into events or refuses it.
public enum EscrowCommand: Hashable, Sendable, Codable {
    /// 2.8: the agent registers a signatory's public key.
    case registerKey(party: PartyID, publicKeyBase64: String)
    /// 1.1, 1.3: a wire arrived. `purchaser` is `nil` when the sender is not known.
    case recordDeposit(bankReference: String, purchaser: PartyID?, senderName: String?, amount: Money)
    /// 1.2, 2.13: a document arrived, identified by the SHA-256 of its bytes.
    case receiveDocument(condition: ConditionID, from: PartyID, title: String?, sha256: String, byteCount: Int)
    /// 1.4, 2.4, 2.12, 2.14: a party signs a counterpart of an instrument.
    case sign(instrument: Instrument, signer: PartyID, evidence: SignatureEvidence)
    /// 1.6, 1.7: a party gives signed written wire instructions.
    case giveInstructions(party: PartyID, lines: [InstructionLine], evidence: SignatureEvidence)
    /// 1.2: the agent advises the amount received; refused, naming what is missing, until
    /// every condition is in (the advice is otherwise recorded by itself at that moment).
    case advise
    /// 1.5, 1.6: the agent wires the funds per the effective Release Notice.
    case release
    /// 1.7: the agent returns the purchasers' funds (after the deadline, once nothing holds them).
    case refund
    /// Lets the clock reach `now` so that due deadlines fire; changes nothing else.
    case tick
    /// 2.4, 2.7: an amendment is put forward for signature.
    case proposeAmendment(id: AmendmentID, changes: [AmendmentChange], text: String)
    /// 2.9: a warning is recorded; it binds no one.
    case recordWarning(from: String, text: String)
    /// 2.9: a court order is recorded and obeyed.
    case recordCourtOrder(docket: String, court: String, isFinal: Bool, directive: CourtDirective, documentSHA256: String)
    /// 2.14(1): the agent retains all (`amount == nil`) or part of the funds while a dispute lasts.
    case placeHold(id: HoldID, amount: Money?, reason: String, partiesConcerned: [PartyID])
    /// 2.14(2): the agent delivers all funds to the court.
    case depositWithCourt(court: String, docket: String?)
    /// 2.11: the agent's counsel costs, claimed against the escrow.
    case claimCounselCosts(counsel: String, amount: Money, invoiceSHA256: String)
    /// 2.13: the agent requires a further instrument from named parties.
    case requestInstrument(id: ConditionID, title: String, from: [PartyID], dueBy: CivilDate?)
    /// 2.12: the agent resigns by written notice.
    case resign(notice: String)
    /// 2.12: the company and purchasers put a successor agent forward for signature.
    case proposeSuccessor(Party)
    /// 2.2: records a notice sent in writing; a notice id already recorded is not recorded again.
    case recordNotice(NoticeRecorded)
    /// 2.12: the successor, having verified the handed-over history, takes over.
    case acceptHandover(successor: PartyID, eventsVerified: Int, lastHash: String)
    /// A release, refund or written wire instruction let through by a desk control (maker and
    /// checker, or a call-back), recorded with it.
    indirect case approved(EscrowCommand, control: DeskControl)
    /// Puts every decided payment whose payee's bank details are known into a new pain.001 file.
    case exportBankPayments
    /// A camt.053, camt.054 or camt.052 message from the bank, read and checked.
    case importBankStatement(BankStatement)
    /// A pain.002 payment status report from the bank, read and checked.
    case recordBankPaymentStatus(BankStatusReport)
    /// An agent user's decision on a bank exception.
    case resolveBankException(id: String, resolution: BankExceptionResolution, by: String, note: String?)
    /// Compares the ledger's held balance with the last closing booked balance.
    case reconcileBank
    /// The account of a payee outside the agreement to whom a payment waits, given by an agent user.
    case giveBankPayeeAccount(payee: String, account: BankAccount, by: String)
    /// Records the agent's checkpoint key (base64 Ed25519); a new key is a rotation.
    case recordCheckpointKey(publicKeyBase64: String)
    /// Joint written instructions put forward for signature: pay `amount` from the funds held
    /// to `payee`, once every signer the agreement names has signed.
    case proposeJointInstructions(id: JointInstructionsID, payee: PartyID, amount: Money, purpose: String)
    /// Pays signed joint written instructions now, or says what they still lack (they are
    /// also paid by themselves the moment the last of it arrives).
    case payJointInstructions(id: JointInstructionsID)
    /// A release, refund or written wire instruction a second agent user refused to let
    /// through, with the reason; nothing runs and the request is no longer pending.
    indirect case rejected(EscrowCommand, control: DeskControl, reason: String)

    /// A short name for logs and idempotency records.
    public var name: String {
        switch self {
        case .registerKey: "register-key"
        case .recordDeposit: "deposit"
        case .receiveDocument: "receive-document"
        case .sign: "sign"
        case .giveInstructions: "give-instructions"
        case .advise: "advise"
        case .release: "release"
        case .refund: "refund"
        case .tick: "tick"
        case .proposeAmendment: "propose-amendment"
        case .recordWarning: "record-warning"
        case .recordCourtOrder: "court-order"
        case .placeHold: "hold"
        case .depositWithCourt: "deposit-with-court"
        case .claimCounselCosts: "claim-counsel-costs"
        case .requestInstrument: "request-instrument"
        case .resign: "resign"
        case .proposeSuccessor: "propose-successor"
        case .acceptHandover: "accept-handover"
        case .recordNotice: "record-notice"
        case .approved(let command, _): command.name
        case .exportBankPayments: "bank-export"
        case .importBankStatement: "bank-import"
        case .recordBankPaymentStatus: "bank-import-status"
        case .resolveBankException: "bank-resolve"
        case .reconcileBank: "bank-reconcile"
        case .giveBankPayeeAccount: "bank-payee-account"
        case .recordCheckpointKey: "record-checkpoint-key"
        case .proposeJointInstructions: "propose-joint-instructions"
        case .payJointInstructions: "pay-joint-instructions"
        case .rejected: "reject"
        }
    }

    /// SHA-256 of the canonical command, kept with its idempotency key.
    public var digest: String { EventCoding.digest(of: self) }
}
