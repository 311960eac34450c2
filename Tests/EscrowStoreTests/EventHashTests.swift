import EscrowCore
import EscrowStore
import EscrowTesting
import Foundation
import Testing

@Suite("Event hash")
struct EventHashTests {
    static let payload = Data(#"{"amountMinorUnits":50000000,"depositID":"dep-1"}"#.utf8)

    static func referenceHash(
        escrowID: EscrowID = referenceEscrow,
        sequence: Int64 = 1,
        type: String = "deposit.received",
        recordedAtMilliseconds: Int64 = signingMilliseconds,
        previousHash: String = EventHash.genesis,
        payload: Data = payload
    ) -> String {
        EventHash.compute(
            escrowID: escrowID, sequence: sequence, type: type, recordedAtMilliseconds: recordedAtMilliseconds,
            previousHash: previousHash, payload: payload)
    }

    @Test("the genesis hash is 64 zeros")
    func genesis() {
        #expect(EventHash.genesis == String(repeating: "0", count: 64))
    }

    /// The expected value was computed outside Swift (Python's hashlib) from the encoding
    /// documented on `EventHash`, so a change of encoding cannot pass unnoticed.
    @Test("the hash is SHA-256 of the documented length-prefixed encoding, in lowercase hex")
    func knownAnswer() {
        #expect(Self.referenceHash() == "58b8fa97342079369a675fa4bdd2d58ca29ba0ce69e2237ecf1b10c27a2ae81f")
    }

    @Test(
        "changing any one covered field changes the hash",
        arguments: [
            ("escrow ID", EventHashTests.referenceHash(escrowID: "escrow-2005-08-18")),
            ("sequence", EventHashTests.referenceHash(sequence: 2)),
            ("type", EventHashTests.referenceHash(type: "deposit.returned")),
            ("record time", EventHashTests.referenceHash(recordedAtMilliseconds: signingMilliseconds + 1)),
            ("previous hash", EventHashTests.referenceHash(previousHash: String(repeating: "0", count: 63) + "1")),
            (
                "payload",
                EventHashTests.referenceHash(payload: Data(#"{"amountMinorUnits":50000001,"depositID":"dep-1"}"#.utf8))
            ),
        ]
    )
    func everyFieldCounts(field: String, changedHash: String) {
        #expect(changedHash != Self.referenceHash(), "\(field)")
    }

    @Test("moving bytes from one field to the next changes the hash (fields are length-prefixed)")
    func fieldBoundaries() {
        let split = Self.referenceHash(type: "deposit.", payload: Data("received".utf8))
        let moved = Self.referenceHash(type: "deposit.received", payload: Data())
        #expect(split != moved)
    }
}
