import EscrowCore
import EscrowStore
import EscrowTesting
import Foundation
import Testing

private let escrow = ReferenceDeal.escrowID

/// An instant JSON cannot express: the canonical encoding of any event stamped with it fails.
private let unencodableInstant = Date(timeIntervalSince1970: .nan)

@Suite("An event that cannot be encoded")
struct EventEncodingFailureTests {
    @Test("an event stamped with an instant that is not a finite number throws instead of stopping the process")
    func payloadThrows() throws {
        let event = EscrowEvent.warningRecorded(WarningRecorded(from: "Purchaser 3", text: "hold the funds", at: unencodableInstant))
        #expect(throws: EncodingError.self) { try event.payload() }
        let fine = EscrowEvent.warningRecorded(WarningRecorded(from: "Purchaser 3", text: "hold the funds", at: august(23, 9)))
        #expect(String(decoding: try fine.payload(), as: UTF8.self).contains(#""text":"hold the funds""#))
    }

    @Test("the write lane answers a corrupt error, writes nothing, and the next command is decided", arguments: StoreFactory.all)
    func serviceRefusesUnencodableEvents(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store throws in
            let service = EscrowService(store: store)
            try await ReferenceDealPlayer(service: service).play(through: .funded)
            let before = try await store.lastSequence(of: escrow)
            let warning = EscrowCommand.recordWarning(from: "Purchaser 3", text: "hold the funds")
            do {
                _ = try await service.execute(warning, on: escrow, at: unencodableInstant)
                Issue.record("an event stamped with a NaN instant was accepted")
            } catch {
                guard case .corrupt(let reason)? = error as? ServiceError else {
                    Issue.record("expected a corrupt error, got \(error)")
                    return
                }
                // The refund deadline fires first at that instant; its event cannot be encoded either.
                #expect(reason.hasPrefix("escrow \(escrow): the refundDeadlineMissed event cannot be encoded (EncodingError"))
                #expect(reason.hasSuffix("); nothing was written"))
            }
            #expect(try await store.lastSequence(of: escrow) == before)

            // The lane was left: commands to the same escrow, one of them unencodable again, are
            // decided together; the good ones are written whole, the bad one writes nothing.
            async let first = service.execute(warning, on: escrow, at: august(23, 10), idempotencyKey: "w-1")
            async let bad: ServiceError? = {
                do {
                    _ = try await service.execute(.recordWarning(from: "Purchaser 2", text: "again"), on: escrow, at: unencodableInstant)
                    return nil
                } catch { return error as? ServiceError }
            }()
            async let second = service.execute(
                .recordWarning(from: "Purchaser 1", text: "and hold them"), on: escrow, at: august(23, 11), idempotencyKey: "w-2")
            let (one, failure, two) = try await (first, bad, second)
            #expect(failure.map { if case .corrupt = $0 { true } else { false } } == true)
            #expect(one.events.count == 1 && two.events.count == 1)
            let stored = try await store.events(of: escrow, after: before)
            #expect(stored.count == 2)
            let decoded = try EscrowService.decode(stored)
            #expect(Set(decoded.map(\.at)) == [august(23, 10), august(23, 11)])
            let (state, _) = try await service.load(escrow)
            #expect(state.warnings.map(\.from).sorted() == ["Purchaser 1", "Purchaser 3"])
        }
    }
}
