import EscrowCore
import EscrowTesting
import Foundation
import PropertyBased
import Testing

@Suite("Ledger invariant over random command sequences")
struct LedgerPropertyTests {
    /// Turns one random number into one command of the reference deal, at a moving clock.
    static func command(_ seed: Int, harness: Harness) -> EscrowCommand {
        let purchasers: [PartyID?] = ["purchaser-1", "purchaser-2", "purchaser-3", "purchaser-4", nil]
        // One amount in eight is enormous: at or past the ceiling, or near Int64's limit.
        let enormous: [Int64] = [Limits.amountMinorUnitsMax(.usd), Limits.amountMinorUnitsMax(.usd) + 1, Int64.max, Int64.max / 3]
        let amount = Money(minorUnits: seed % 8 == 7 ? enormous[seed / 8 % 4] : Int64(seed / 16 % 400_000_000) + 1, .usd)
        switch seed % 16 {
        case 0, 1, 2:
            return .recordDeposit(bankReference: "R\(seed % 997)", purchaser: purchasers[seed / 16 % 5], senderName: nil, amount: amount)
        case 3:
            let subscription = harness.state.terms.subscriptions[seed / 16 % 4]
            return .recordDeposit(bankReference: "S\(subscription.purchaser)", purchaser: subscription.purchaser, senderName: nil, amount: subscription.amount)
        case 4:
            let condition: ConditionID = ["nir-waiver", "closing-documents", "counterpart-signature-pages"][seed / 16 % 3]
            let from: PartyID = condition == "nir-waiver" ? "nir-group" : condition == "closing-documents" ? "company" : harness.signers[seed / 16 % 5]
            return .receiveDocument(condition: condition, from: from, title: nil, sha256: SHA256Hex.of("\(seed)"), byteCount: 1)
        case 5, 6:
            let signer = harness.signers[seed / 16 % 5]
            return .sign(instrument: .releaseNotice, signer: signer, evidence: .paper(scanSHA256: SHA256Hex.of("\(seed)"), attestedBy: "officer"))
        case 7, 8:
            return .release
        case 9:
            return .refund
        case 10:
            return .placeHold(id: HoldID("H\(seed % 7)"), amount: seed % 3 == 0 ? nil : amount, reason: "dispute", partiesConcerned: ["company"])
        case 11:
            return .sign(instrument: .settlement(HoldID("H\(seed / 16 % 7)")), signer: "company", evidence: .paper(scanSHA256: SHA256Hex.of("s\(seed)"), attestedBy: "officer"))
        case 12:
            return .claimCounselCosts(counsel: "Counsel", amount: Money(minorUnits: Int64(seed % 100_000) + 1, .usd), invoiceSHA256: SHA256Hex.of("i\(seed)"))
        case 13:
            let directive: CourtDirective = [.refundAll, .depositWithCourt, .pay([Payment(payee: .party("purchaser-1"), amount: amount, destination: "order", purpose: "", clause: "2.9")])][seed / 16 % 3]
            return .recordCourtOrder(docket: "D\(seed)", court: "Court", isFinal: true, directive: directive, documentSHA256: SHA256Hex.of("o\(seed)"))
        default:
            return .tick
        }
    }

    @Test("deposited = held + paid out + refunded + deposited with court, after every command")
    func ledgerBalancesAfterEveryCommand() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...Int(Int32.max)).array(of: 1...60)) { seeds in
            var harness = Harness()
            try? harness.registerKeys()
            try? harness.instruct(lines: [InstructionLine(account: Harness.operating, amount: nil)], at: newYork(2005, 8, 19, 11))
            var clock = newYork(2005, 8, 19, 12)
            var paymentsSeen = Set<Int>()
            for seed in seeds {
                clock = clock.addingTimeInterval(TimeInterval(seed % 7) * 3 * 3_600)
                let before = harness.log.count
                _ = try? harness.run(Self.command(seed, harness: harness), at: clock)
                let ledger = harness.state.ledger
                #expect(
                    ledger.deposited.amountMinorUnits
                        == ledger.held.amountMinorUnits + ledger.paidOut.amountMinorUnits + ledger.refunded.amountMinorUnits
                        + ledger.depositedWithCourt.amountMinorUnits)
                #expect(!ledger.held.isNegative)
                #expect(ledger.invariantViolation == nil)
                // Nothing is ever paid twice: each money-moving event is new in the log.
                for index in before..<harness.log.count where ["disbursed", "refunded"].contains(harness.log[index].type) {
                    #expect(paymentsSeen.insert(index).inserted)
                }
            }
            // The log as recorded folds again to the same ledger: what was accepted is foldable.
            let refolded = try? EscrowState.fold(harness.log)
            #expect(refolded?.ledger == harness.state.ledger)
            if harness.state.refundDeadlineMissed != nil {
                #expect(harness.events(ofType: "disbursed").allSatisfy { event in
                    guard case .disbursed(let plan) = event else { return false }
                    return plan.courtDocket != nil
                })
            }
        }
    }
}
