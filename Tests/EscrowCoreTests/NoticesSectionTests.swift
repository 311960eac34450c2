import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// The agreement file's `notices:` section: recipients per kind, each party's address and
/// method, and when the agreement deems a notice received, counted on its calendar.
@Suite("Notices as the agreement file states them")
struct NoticesSectionTests {
    static func funded(at deposited: Date) throws -> Harness {
        var harness = Harness(terms: try AgreementFile.parse(InstrumentsSectionTests.yaml, sourceName: "holdback.yaml"), at: newYork(2024, 3, 1, 9))
        try harness.registerKeys(["buyer", "seller"], at: newYork(2024, 3, 1, 10))
        try harness.depositAll(at: deposited)
        return harness
    }

    @Test("The advice goes to the listed recipients, each with address, method and deemed receipt: courier next business day, mail three")
    func adviceDeliveries() throws {
        let harness = try Self.funded(at: newYork(2024, 3, 4, 11))
        let advice = try #require(harness.state.noticesRecord.first)
        #expect(advice.kind == .advice)
        #expect(advice.at == newYork(2024, 3, 4, 11))
        #expect(advice.recipients == ["Buyer Corp.", "Seller Holdings LLC"])
        #expect(advice.clause == "2.2")
        #expect(
            advice.deliveries == [
                NoticeDelivery(
                    party: "buyer", name: "Buyer Corp.", address: "9 Elm Street, Boston, MA 02110", method: .mail,
                    deemedReceivedAt: newYork(2024, 3, 7, 11)),
                NoticeDelivery(
                    party: "seller", name: "Seller Holdings LLC", address: "1 Main Street, Chicago, IL 60601", method: .courier,
                    deemedReceivedAt: newYork(2024, 3, 5, 11)),
            ])
    }

    @Test("Deemed receipt skips the weekend and Memorial Day on the agreement's calendar")
    func deemedReceiptCountsBusinessDays() throws {
        // Friday 2024-05-24, 16:00; Monday 2024-05-27 is Memorial Day.
        let harness = try Self.funded(at: newYork(2024, 5, 24, 16))
        let advice = try #require(harness.state.noticesRecord.first)
        #expect(advice.deliveries?.map(\.deemedReceivedAt) == [newYork(2024, 5, 30, 16), newYork(2024, 5, 28, 16)])
    }

    @Test("Joint written instructions are noticed to their listed recipients and the payee; the e-mailed agent is deemed to receive on sending")
    func jointInstructionsNotice() throws {
        var harness = try Self.funded(at: newYork(2024, 3, 4, 11))
        try harness.run(
            .proposeJointInstructions(id: "JWI-1", payee: "agent", amount: usd("500.00"), purpose: "agent's fee"), at: newYork(2024, 3, 8, 9))
        let notice = try #require(harness.state.noticesRecord.last)
        #expect(notice.kind == .jointInstructions)
        #expect(notice.subject == "Joint Written Instructions JWI-1 proposed: USD 500.00 to Escrow Bank, N.A.")
        #expect(notice.clause == "7.2")
        #expect(notice.recipients == ["Buyer Corp.", "Seller Holdings LLC", "Escrow Bank, N.A."])
        // Friday 09:00 by mail: Monday, Tuesday, Wednesday.
        #expect(notice.deliveries?.map(\.method) == [.mail, .courier, .email])
        #expect(
            notice.deliveries?.map(\.deemedReceivedAt) == [newYork(2024, 3, 13, 9), newYork(2024, 3, 11, 9), newYork(2024, 3, 8, 9)])
    }

    @Test("Without the section the notices record lists names only, as before")
    func absentSectionKeepsTheRecord() throws {
        var harness = Harness()
        try harness.depositAll()
        for entry in harness.state.noticesRecord {
            #expect(entry.deliveries == nil)
            #expect(entry.kind == nil)
        }
        let json = String(decoding: try EventCoding.encoder.encode(harness.state.noticesRecord), as: UTF8.self)
        #expect(!json.contains("deliveries"))
    }

    @Test("A recipient without an address, or without a method, is refused with the party's line")
    func recipientsNeedAddressAndMethod() throws {
        let noAddress = InstrumentsSectionTests.yaml.replacingOccurrences(
            of: "role: purchaser, address: \"9 Elm Street, Boston, MA 02110\", noticeMethod: mail}", with: "role: purchaser, noticeMethod: mail}")
        do {
            _ = try AgreementFile.parse(noAddress, sourceName: "x.yaml")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.field == "parties[2].address")
            #expect(error.message == "Buyer Corp. receives advice notices (notices.recipients.advice) but has no address; give parties[2].address")
        }
        let badMethod = InstrumentsSectionTests.yaml.replacingOccurrences(of: "noticeMethod: mail", with: "noticeMethod: pigeon")
        do {
            _ = try AgreementFile.parse(badMethod, sourceName: "x.yaml")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.message == "'pigeon' is not one of: hand, email, courier, mail, fax")
        }
        let tooLate = InstrumentsSectionTests.yaml.replacingOccurrences(of: "mail: 3,", with: "mail: 61,")
        do {
            _ = try AgreementFile.parse(tooLate, sourceName: "x.yaml")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.field == "notices.deemedReceipt.mail")
        }
    }
}
