import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// The agent's checkpoint key in the log (issue 11, item 4): the first key and every rotation
/// are events, so the key that signed a checkpoint can be found in the hash-chained history.
@Suite("The agent's checkpoint key")
struct CheckpointKeyTests {
    static let first = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
    static let second = "O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik="

    @Test("the first key is recorded with nothing replaced; recording it again records nothing; a new key names the one it replaces")
    func rotation() throws {
        var deal = Harness()
        let recorded = try deal.run(.recordCheckpointKey(publicKeyBase64: Self.first), at: newYork(2005, 8, 19, 10))
        #expect(recorded == [.checkpointKeyRecorded(CheckpointKeyRecorded(publicKeyBase64: Self.first, replacesPublicKeyBase64: nil, at: newYork(2005, 8, 19, 10)))])
        #expect(try deal.run(.recordCheckpointKey(publicKeyBase64: Self.first), at: newYork(2005, 8, 19, 11)).isEmpty)
        let rotated = try deal.run(.recordCheckpointKey(publicKeyBase64: Self.second), at: newYork(2005, 8, 22, 9))
        guard case .checkpointKeyRecorded(let rotation)? = rotated.first else {
            Issue.record("a rotation is recorded")
            return
        }
        #expect(rotation.replacesPublicKeyBase64 == Self.first)
        #expect(deal.state.checkpointKeys == [Self.first, Self.second])
        #expect(rotated[0].clause(in: deal.state) == "2.7")
        #expect(rotated[0].summary(in: deal.state) == "agent's checkpoint key recorded (O2onvM62pC1i…, replacing 11qYAYKxCrfV…)")
    }

    @Test("a key that is not a 32-byte Ed25519 public key is refused and nothing is recorded")
    func malformedKey() {
        var deal = Harness()
        let refusal = deal.refusal(.recordCheckpointKey(publicKeyBase64: "not-a-key"), at: newYork(2005, 8, 19, 10))
        #expect(refusal != nil)
        #expect(deal.state.checkpointKeys.isEmpty)
    }

    @Test("the stored payload is canonical JSON that decodes and re-encodes byte for byte")
    func storedPayload() throws {
        let event = EscrowEvent.checkpointKeyRecorded(
            CheckpointKeyRecorded(publicKeyBase64: Self.second, replacesPublicKeyBase64: Self.first, at: newYork(2005, 8, 22, 9)))
        let payload = String(decoding: try event.payload(), as: UTF8.self)
        #expect(payload == ##"{"at":1124715600000,"publicKeyBase64":"O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik=","replacesPublicKeyBase64":"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="}"##)
        #expect(try EscrowEvent.decode(type: "checkpointKeyRecorded", payload: Data(payload.utf8)) == event)
    }
}
