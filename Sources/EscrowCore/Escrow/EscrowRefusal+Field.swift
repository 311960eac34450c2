extension EscrowRefusal {
    /// The input of a command a refusal is about, as its sentence names it; the rule that
    /// governs the input is the one the refusal cites.
    public enum Field: Hashable, Sendable, CustomStringConvertible {
        /// The purchaser a wire is attributed to (escrow account).
        case depositor
        /// The amount of a wire (escrow account).
        case depositAmount
        /// The bank's reference of a wire (deposit instructions).
        case bankReference
        /// The name of a wire's sender (deposit instructions).
        case senderName
        /// The party delivering a document for a condition (advice).
        case documentSender
        /// The SHA-256 of a delivered document (genuineness).
        case documentHash
        /// The party a signing key is registered for (reliance).
        case keyHolder
        /// The party signing a counterpart of an instrument (that instrument's clause).
        case signer(Instrument)
        /// The SHA-256 of a paper counterpart's scan (reliance).
        case scanHash
        /// The agent user attesting a paper counterpart (reliance).
        case attestingAgentUser
        /// The party giving written wire instructions (remainder).
        case instructingParty
        /// The account name of an instruction line (remainder).
        case accountName
        /// The bank of an instruction line (remainder).
        case bank
        /// The fixed amount of an instruction line (remainder).
        case instructionAmount
        /// The text of an amendment (amendments).
        case amendmentText
        /// The new date an amendment gives a deadline (deadline extensions).
        case extendedDeadline(DeadlineID)
        /// The new amount an amendment gives a fixed payment (release).
        case fixedPayment
        /// The agent's duties as an amendment alters them (agent's duties).
        case agentDuties
        /// Who gave a warning (warnings).
        case warningAuthor
        /// What a warning says (warnings).
        case warningText
        /// A court order's docket reference (court orders).
        case docket
        /// The court that made an order (court orders).
        case orderingCourt
        /// The SHA-256 of a court order's document (court orders).
        case orderDocumentHash
        /// The amount of a payment a court orders (court orders).
        case courtOrderedPayment
        /// The payee of a payment a court orders (court orders).
        case courtOrderedPayee
        /// What a dispute hold is about (dispute).
        case dispute
        /// The amount a dispute hold retains (dispute).
        case holdAmount
        /// A party concerned by a dispute hold (dispute).
        case partyConcerned
        /// The court funds are delivered to (dispute).
        case receivingCourt
        /// The counsel claiming costs (counsel costs).
        case counsel
        /// The amount of counsel costs (counsel costs).
        case counselCosts
        /// The SHA-256 of counsel's invoice (counsel costs).
        case invoiceHash
        /// The title of a further instrument (further instruments).
        case instrumentTitle
        /// A party asked to furnish a further instrument (further instruments).
        case furnishingParty
        /// The date a further instrument is due by (further instruments).
        case dueDate
        /// A notice's id (notices).
        case noticeID
        /// A notice's subject (notices).
        case noticeSubject
        /// A notice's text (notices).
        case noticeText
        /// The agent's notice of resignation (resignation).
        case resignationNotice
        /// A proposed successor agent's name (succession).
        case successorName
        /// The hash of the last event a successor verified (succession).
        case lastEventHash
        /// The desk's id of the request a control checks (desk control).
        case approvalID
        /// The user who asked for a controlled command (desk control).
        case maker
        /// The agent user who checked it (desk control).
        case checker
        /// The note of a call-back (desk control).
        case callBackNote
        /// The agent user who resolves a bank exception.
        case resolvingAgentUser
        /// The note on a bank exception's resolution.
        case resolutionNote
        /// The id of joint written instructions (their clause).
        case jointInstructionsID
        /// The payee joint written instructions name (their clause).
        case jointInstructionsPayee
        /// The amount joint written instructions direct (their clause).
        case jointInstructionsAmount
        /// What joint written instructions are for (their clause).
        case jointInstructionsPurpose
        /// Why the second agent user rejected a request (desk control).
        case rejectionReason

        /// How the sentence names the input, e.g. `bank reference`.
        public var description: String {
            switch self {
            case .depositor: "depositor"
            case .depositAmount: "deposit amount"
            case .bankReference: "bank reference"
            case .senderName: "sender name"
            case .documentSender: "document sender"
            case .documentHash: "document hash"
            case .keyHolder: "key holder"
            case .signer: "signer"
            case .scanHash: "scan hash"
            case .attestingAgentUser: "attesting agent user"
            case .instructingParty: "instructing party"
            case .accountName: "account name"
            case .bank: "bank"
            case .instructionAmount: "instruction amount"
            case .amendmentText: "amendment text"
            case .extendedDeadline(let id): "new date of deadline \(id)"
            case .fixedPayment: "fixed payment"
            case .agentDuties: "duties"
            case .warningAuthor: "warning's author"
            case .warningText: "warning text"
            case .docket: "docket reference"
            case .orderingCourt, .receivingCourt: "court"
            case .orderDocumentHash: "order document hash"
            case .courtOrderedPayment: "court-ordered payment"
            case .courtOrderedPayee: "payee"
            case .dispute: "dispute"
            case .holdAmount: "hold amount"
            case .partyConcerned: "party concerned"
            case .counsel: "counsel"
            case .counselCosts: "counsel costs"
            case .invoiceHash: "invoice hash"
            case .instrumentTitle: "instrument title"
            case .furnishingParty: "party to furnish the instrument"
            case .dueDate: "due date"
            case .noticeID: "notice id"
            case .noticeSubject: "notice subject"
            case .noticeText: "notice text"
            case .resignationNotice: "resignation notice"
            case .successorName: "successor's name"
            case .lastEventHash: "last event hash"
            case .approvalID: "approval id"
            case .maker: "maker"
            case .checker: "checker"
            case .callBackNote: "call-back note"
            case .resolvingAgentUser: "resolving agent user"
            case .resolutionNote: "resolution note"
            case .jointInstructionsID: "joint instructions id"
            case .jointInstructionsPayee: "joint instructions payee"
            case .jointInstructionsAmount: "joint instructions amount"
            case .jointInstructionsPurpose: "joint instructions purpose"
            case .rejectionReason: "reason for the rejection"
            }
        }

        /// The rule that governs the input, cited by any refusal about it.
        func citation(under terms: AgreementTerms?) -> [Citation] {
            let rule: Rule
            switch self {
            case .depositor, .depositAmount: rule = .escrowAccount
            case .bankReference, .senderName, .resolvingAgentUser, .resolutionNote: rule = .depositInstructions
            case .documentSender: rule = .advice
            case .documentHash: rule = .genuineness
            case .keyHolder, .scanHash, .attestingAgentUser: rule = .reliance
            case .signer(let instrument): return instrument.citation(under: terms)
            case .instructingParty, .accountName, .bank, .instructionAmount: rule = .remainder
            case .amendmentText: rule = .amendments
            case .extendedDeadline: rule = .deadlineExtensions
            case .fixedPayment: rule = .release
            case .agentDuties: rule = .agentDuties
            case .warningAuthor, .warningText: rule = .warnings
            case .docket, .orderingCourt, .orderDocumentHash, .courtOrderedPayment, .courtOrderedPayee: rule = .courtOrders
            case .dispute, .holdAmount, .partyConcerned, .receivingCourt: rule = .dispute
            case .counsel, .counselCosts, .invoiceHash: rule = .counselCosts
            case .instrumentTitle, .furnishingParty, .dueDate: rule = .furtherInstruments
            case .noticeID, .noticeSubject, .noticeText: rule = .notices
            case .resignationNotice: rule = .resignation
            case .successorName, .lastEventHash: rule = .succession
            case .approvalID, .maker, .checker, .callBackNote: rule = .deskControl
            case .jointInstructionsID, .jointInstructionsPayee, .jointInstructionsAmount, .jointInstructionsPurpose:
                return Instrument.jointInstructions("").citation(under: terms)
            case .approvalID, .maker, .checker, .callBackNote, .rejectionReason: rule = .deskControl
            }
            return [.rule(rule)]
        }
    }
}
