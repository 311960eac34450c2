import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// Logs stored before payees had kinds and agreements numbered their own clauses keep loading:
/// every payload decodes and re-encodes to the bytes that were hashed, and the fold prints,
/// posts and cites exactly what the build that stored them printed.
@Suite("Stored events from earlier builds")
struct StoredEventCompatibilityTests {
    static let logs: [(name: String, stored: [StoredEventFixtures.Stored], printed: String)] = [
        ("release", StoredEventFixtures.release, StoredEventFixtures.releasePrinted),
        ("refund", StoredEventFixtures.refund, StoredEventFixtures.refundPrinted),
        ("court", StoredEventFixtures.court, StoredEventFixtures.courtPrinted),
        ("refund due", StoredEventFixtures.refundDue, StoredEventFixtures.refundDuePrinted),
    ]

    static func decode(_ stored: [StoredEventFixtures.Stored]) throws -> [EscrowEvent] {
        try stored.map { try EscrowEvent.decode(type: $0.type, payload: Data($0.payload.utf8)) }
    }

    /// The lines the fixtures' build printed, made the same way from a log.
    static func printed(_ events: [EscrowEvent]) throws -> String {
        var lines: [String] = []
        var state: EscrowState? = nil
        for event in events {
            lines.append("[\(event.clause(in: state))] \(event.summary(in: state))")
            if case .opened(let opened) = event { state = EscrowState(opened: opened) } else { try state?.apply(event) }
        }
        let folded = try #require(state)
        for posting in folded.ledger.postings {
            lines.append("posting [\(posting.clause)] debit \(posting.debit)  credit \(posting.credit)  \(posting.amount)")
        }
        for (account, balance) in folded.ledger.balances.sorted(by: { $0.key.description < $1.key.description }) {
            lines.append("balance \(account) \(balance)")
        }
        for entry in folded.noticesRecord { lines.append("notice [\(entry.clause)] \(entry.recipients) \(entry.subject)") }
        lines.append("next \(folded.nextStep)")
        return lines.joined(separator: "\n")
    }

    @Test("every stored payload decodes and re-encodes byte for byte, so every stored hash reproduces", arguments: 0..<4)
    func payloadsReencodeByteForByte(_ index: Int) throws {
        let log = Self.logs[index]
        for (stored, event) in zip(log.stored, try Self.decode(log.stored)) {
            #expect(event.type == stored.type)
            #expect(try String(decoding: event.payload(), as: UTF8.self) == stored.payload, "\(log.name): \(stored.type)")
        }
    }

    @Test("a stored opening has no clauses section, and its terms hash as they were hashed")
    func openingTermsHashAsStored() throws {
        guard case .opened(let opened)? = try Self.decode(StoredEventFixtures.refund).first else {
            Issue.record("the log opens with the opening")
            return
        }
        #expect(opened.terms.clauses == nil)
        #expect(EventCoding.digest(of: opened.terms) == opened.termsSHA256)
    }

    @Test("a stored log folds to the timeline, postings, balances, notices and next step its build printed", arguments: 0..<4)
    func foldsToWhatItPrinted(_ index: Int) throws {
        let log = Self.logs[index]
        let printed = try Self.printed(try Self.decode(log.stored))
        #expect(printed == log.printed, "\(log.name)")
    }

    @Test("a stored payee that names no party reads as counsel or an outsider, in a ledger account of its own")
    func storedPayeesReadByKind() throws {
        let events = try Self.decode(StoredEventFixtures.refund)
        guard case .refunded(let stored)? = events.first(where: { $0.type == "refunded" }) else {
            Issue.record("the refund log holds a refund")
            return
        }
        // As stored: text alone, read back as a party by that text.
        #expect(stored.payments.first?.payee == .party("Outside Counsel LLP"))
        let state = try #require(try EscrowState.fold(events))
        #expect(state.refunds[0].payments.map(\.payee).first == .counsel("Outside Counsel LLP"))
        #expect(state.refunds[0].payments.map(\.payee).last == .outside("Acme Holdings"))
        #expect(state.ledger.balance(.paidOut(.counsel("Outside Counsel LLP"))) == usd("1000.01"))
        #expect(state.ledger.balance(.refunded(.outside("Acme Holdings"))) == usd("5068.75"))
        #expect(state.ledger.balance(.refunded(.party("purchaser-1"))) == usd("2999711.72"))
    }

    @Test("a stored log runs on under today's refund rule: a later wire falls due to its depositors and only the stranger's goes back unasked")
    func refundOnAStoredLog() throws {
        let legacy = try Self.decode(StoredEventFixtures.refund)
        var stored = try #require(try EscrowState.fold(legacy))
        #expect(stored.ledger.held.isZero)
        let wire = EscrowCommand.recordDeposit(bankReference: "S3", purchaser: nil, senderName: "Acme Holdings", amount: usd("40.00"))
        var events: [EscrowEvent] = []
        for (command, at) in [(wire, newYork(2005, 9, 7)), (EscrowCommand.refund, newYork(2005, 9, 7, 10))] {
            let (decided, after) = try EscrowDecider.handleFolding(command, state: stored, at: at)
            stored = after
            events += decided
        }
        #expect(events.map(\.type) == ["depositReceived", "refundsFellDue", "refunded"])
        guard case .refundsFellDue(let due) = events[1], case .refunded(let paid) = events[2] else { return }
        // The counsel charge the purchasers bore is still theirs to recover: the new 40.00 is
        // shared pro rata between them and Acme Holdings, to the cent.
        #expect(due.total == usd("40.00"))
        #expect(due.owed.map(\.payee) == [.party("purchaser-1"), .party("purchaser-2"), .party("purchaser-3"), .party("purchaser-4"), .outside("Acme Holdings")])
        // Acme Holdings is no party and can only be repaid the way its wire came; the
        // purchasers have given no written instructions, so theirs is owed.
        #expect(paid.payments.map(\.payee) == [.outside("Acme Holdings")])
        #expect(paid.payments.map(\.destination) == ["return of wire S1, S2, S3"])
        let acme = try #require(due.owed.last?.amount)
        #expect(paid.total == acme && acme < usd("40.00"))
        #expect(try stored.ledger.held == usd("40.00").subtracting(acme))
        #expect(try Money.sum(stored.refundsOwed.map(\.amount), .usd) == stored.ledger.held)
    }

    @Test("a payee that is not a party is stored with its kind; a party's payment is stored as before")
    func payeeKindIsStoredOnlyWhenNeeded() throws {
        var harness = Harness()
        try harness.depositAll()
        try harness.run(.recordDeposit(bankReference: "S1", purchaser: nil, senderName: "Acme Holdings", amount: usd("5000.00")), at: newYork(2005, 8, 22))
        try harness.run(.claimCounselCosts(counsel: "Outside Counsel LLP", amount: usd("1000.01"), invoiceSHA256: SHA256Hex.of("invoice")), at: newYork(2005, 8, 30))
        let events = try harness.run(.tick, at: newYork(2005, 9, 3, 9))
        #expect(events.map(\.type) == ["refundDeadlineMissed", "refundsFellDue", "refunded"])
        let due = String(decoding: try events[1].payload(), as: UTF8.self)
        let refund = String(decoding: try events[2].payload(), as: UTF8.self)
        #expect(refund.contains(#""payee":"Outside Counsel LLP","payeeKind":"counsel""#))
        #expect(refund.contains(#""payee":"Acme Holdings","payeeKind":"outside""#))
        #expect(due.contains(#""payee":"purchaser-1","purpose""#))
        for event in events { #expect(try EscrowEvent.decode(type: event.type, payload: try event.payload()) == event) }
    }
}
