import EscrowCore
import EscrowStore
import EscrowTesting
import Foundation
import Testing

@Suite("Chain verifier")
struct ChainVerifierTests {
    /// Ten chained deposit events, built the way every store builds them.
    static let chain = RecordedEvent.chaining(
        depositEvents(10), to: referenceEscrow, after: 0, previousHash: EventHash.genesis)

    @Test("an empty log is intact")
    func emptyLog() {
        #expect(ChainVerifier.verify([]) == ChainReport(eventsChecked: 0, firstBroken: nil))
    }

    @Test("an untouched chain is intact and every event is checked")
    func intactChain() {
        let report = ChainVerifier.verify(Self.chain)
        #expect(report.isIntact)
        #expect(report.eventsChecked == 10)
    }

    @Test("an altered payload is named by its own sequence")
    func alteredPayload() {
        var events = Self.chain
        events[6].payload[events[6].payload.startIndex] ^= 0x01
        let report = ChainVerifier.verify(events)
        #expect(report.firstBroken == ChainBreak(sequence: 7, reason: .hashMismatch))
        #expect(report.eventsChecked == 7)
        #expect(!report.isIntact)
    }

    @Test("an altered event whose hash was recomputed breaks the link of the next event")
    func rehashedEvent() {
        var events = Self.chain
        events[3].type = "deposit.returned"
        events[3].hash = EventHash.compute(
            escrowID: events[3].escrowID, sequence: 4, type: events[3].type,
            recordedAtMilliseconds: events[3].recordedAtMilliseconds, previousHash: events[3].previousHash,
            payload: events[3].payload)
        #expect(ChainVerifier.verify(events).firstBroken == ChainBreak(sequence: 5, reason: .previousHashMismatch))
    }

    @Test("a removed event is named where the gap opens")
    func removedEvent() {
        var events = Self.chain
        events.remove(at: 4)
        #expect(
            ChainVerifier.verify(events).firstBroken
                == ChainBreak(sequence: 6, reason: .sequenceOutOfOrder(expected: 5, found: 6)))
    }

    @Test("a log that does not start from the genesis hash is refused at its first event")
    func missingGenesis() {
        var events = Self.chain
        events[0].previousHash = String(repeating: "f", count: 64)
        #expect(ChainVerifier.verify(events).firstBroken == ChainBreak(sequence: 1, reason: .previousHashMismatch))
    }

    @Test("a log that does not start at sequence 1 is refused at its first event")
    func suffixOnly() {
        #expect(
            ChainVerifier.verify(Array(Self.chain.dropFirst(3))).firstBroken
                == ChainBreak(sequence: 4, reason: .sequenceOutOfOrder(expected: 1, found: 4)))
    }

    @Test("an event of another escrow in the log is named")
    func foreignEvent() {
        var events = Self.chain
        events[2].escrowID = "escrow-2005-09-02"
        #expect(
            ChainVerifier.verify(events).firstBroken
                == ChainBreak(
                    sequence: 3, reason: .escrowMismatch(expected: referenceEscrow, found: "escrow-2005-09-02")))
    }

    @Test("a break is described in a plain sentence")
    func breakDescription() {
        #expect(
            ChainBreak(sequence: 7, reason: .hashMismatch).description
                == "Event 7 does not match its own hash: it was altered after it was written.")
    }
}
