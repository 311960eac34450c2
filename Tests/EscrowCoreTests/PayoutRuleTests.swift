import EscrowCore
import EscrowTesting
import Foundation
import Testing

/// Payout rules as data: fixed amounts, percentages of a base with the agreement's rounding
/// and cap, the remainder; every payee paid only to its own signed written wire instructions.
@Suite("Payout rules: percentages, caps, rounding, each payee to its own instructions")
struct PayoutRuleTests {
    /// The reference agreement with one more payment: `percentBlock` (indented as a
    /// `disbursement` key) inserted before the remainder.
    static func terms(_ percentBlock: String) throws -> AgreementTerms {
        let anchor = "  remainder:\n"
        let text = ReferenceAgreement.yaml.replacingOccurrences(of: anchor, with: percentBlock + anchor)
        return try AgreementFile.parse(text, sourceName: "percent.yaml")
    }

    static func incentiveFee(percent: String, rounding: String, cap: String? = nil) -> String {
        """
          percentagePayments:
            - payee: burnham-hill
              percent: "\(percent)"
              of: aggregateSubscription
              rounding: \(rounding)
        \(cap.map { "      cap: \"\($0)\"\n" } ?? "")      purpose: "Placement agent's incentive fee"
              clause: "1.5(b)"

        """
    }

    /// Plays the reference script to the release on `terms` and returns the disbursement.
    static func release(_ terms: AgreementTerms) throws -> Disbursed {
        var harness = Harness(terms: terms)
        for step in ReferenceDeal.steps(through: .released).dropFirst() { try harness.perform(step) }
        guard case .disbursed(let disbursed)? = harness.events(ofType: "disbursed").last else {
            Issue.record("no disbursement")
            throw CancellationError()
        }
        #expect(harness.state.ledger.held == usd("0.00"))
        return disbursed
    }

    static func lines(_ disbursed: Disbursed) -> [String] {
        disbursed.payments.map { "\($0.payee) \($0.amount.decimalString) \($0.clause) → \($0.destination)" }
    }

    @Test("7.5 % of USD 7,999,999.98 rounded down pays USD 599,999.99; the odd fraction stays with the company's remainder")
    func percentageRoundedDown() throws {
        let disbursed = try Self.release(try Self.terms(Self.incentiveFee(percent: "7.5", rounding: "down")))
        #expect(
            Self.lines(disbursed) == [
                "escrow-agent 15000.00 1.5 → Kramer Levin Naftalis & Frankel LLP, Citibank, N.A., ABA 021000089, acct 50066677",
                "sichenzia 48500.00 1.5 → Sichenzia Ross Friedman Ference LLP, JPMorgan Chase Bank, N.A., ABA 021000021, acct 600077788",
                "burnham-hill 520000.00 1.5 → Pali Capital, Inc., Bank of New York, ABA 021000018, acct 7100223344",
                "burnham-hill 599999.99 1.5(b) → Pali Capital, Inc., Bank of New York, ABA 021000018, acct 7100223344",
                "company 3400000.00 1.6 → AJW Offshore, Ltd. for the NIR Group, Bank of New York, ABA 021000018, acct 8900112233",
                "company 3416499.99 1.6 → ROO Group, Inc., Citibank, N.A., ABA 021000089, acct 40012345",
            ])
        #expect(disbursed.total == usd("7999999.98"))
    }

    @Test("Rounded up, the payee takes the odd cent: USD 600,000.00, and the company's rest is a cent less")
    func percentageRoundedUp() throws {
        let disbursed = try Self.release(try Self.terms(Self.incentiveFee(percent: "7.5", rounding: "up")))
        let amounts = disbursed.payments.map(\.amount.decimalString)
        #expect(amounts == ["15000.00", "48500.00", "520000.00", "600000.00", "3400000.00", "3416499.98"])
        #expect(disbursed.total == usd("7999999.98"))
    }

    @Test("A cap holds the percentage to the stated amount: 10 % capped at USD 500,000.00")
    func percentageCapped() throws {
        let disbursed = try Self.release(try Self.terms(Self.incentiveFee(percent: "10", rounding: "halfUp", cap: "500000.00")))
        #expect(disbursed.payments.map(\.amount.decimalString) == ["15000.00", "48500.00", "520000.00", "500000.00", "3400000.00", "3516499.98"])
    }

    @Test("Each rounding rule on exact halves and fractions of a cent")
    func roundingRules() throws {
        func share(_ percent: String, of base: String, _ rounding: Rounding) throws -> String {
            let rate = try #require(Percentage(percentText: percent))
            let payment = PercentagePayment(
                payee: "p", percent: rate, base: .aggregateSubscription, cap: nil, rounding: rounding, purpose: "fee", clause: "1")
            return payment.amount(on: usd(base)).decimalString
        }
        // 0.5 % of USD 1.00 is exactly half a cent; of USD 3.00, a cent and a half.
        #expect(try [Rounding.down, .up, .halfUp, .halfEven].map { try share("0.5", of: "1.00", $0) } == ["0.00", "0.01", "0.01", "0.00"])
        #expect(try [Rounding.down, .up, .halfUp, .halfEven].map { try share("0.5", of: "3.00", $0) } == ["0.01", "0.02", "0.02", "0.02"])
        // 7.5 % of USD 1,234,567.89 is USD 92,592.59175.
        #expect(try [Rounding.down, .up, .halfUp, .halfEven].map { try share("7.5", of: "1234567.89", $0) } == ["92592.59", "92592.60", "92592.59", "92592.59"])
        // The finest rate, 0.0001 %, and the whole, 100 %.
        #expect(try share("0.0001", of: "1000000.00", .down) == "1.00")
        #expect(try share("100", of: "7999999.98", .down) == "7999999.98")
        #expect(Percentage(percentText: "12.3456")?.description == "12.3456")
        #expect(Percentage(percentText: "7.50")?.description == "7.5")
        for bad in ["100.0001", "101", "-1", "7.5%", "1.23456", "", ".5", "5."] { #expect(Percentage(percentText: bad) == nil, "\(bad)") }
    }

    @Test("Release is refused, naming every fee payee, while their own signed instructions are not in (1.5)")
    func releaseWaitsForEveryPayeesInstructions() throws {
        var harness = Harness()
        let steps = ReferenceDeal.steps(through: .readyToRelease).dropFirst().filter { step in
            if case .instruct(let party, _) = step.step { return party == "company" }
            return true
        }
        for step in steps { try harness.perform(step) }
        #expect(harness.state.nextStep.contains("awaiting written wire instructions from Kramer Levin Naftalis & Frankel LLP, Sichenzia Ross Friedman Ference LLP, Burnham Hill Partners"))
        let refused = harness.refusal(.release, at: ReferenceDeal.releaseInstant.date)
        let refusal = try #require(refused)
        #expect(refusal.cause == .payeesWithoutInstructions(["escrow-agent", "sichenzia", "burnham-hill"]))
        #expect(refusal.clause == "1.5, 1.6")
        #expect(refusal.reason.hasPrefix("each payee is paid only to its own signed written wire instructions, and none are in from Kramer Levin Naftalis & Frankel LLP"))
        // Two of three in: the refusal names the one still missing, and nothing has moved.
        for fee in ReferenceDeal.feeInstructions.prefix(2) {
            try harness.instruct(fee.payee, lines: fee.accounts.map { InstructionLine(account: $0.bankAccount, amount: $0.amount.map(usd)) }, at: fee.at.date)
        }
        let stillRefused = harness.refusal(.release, at: ReferenceDeal.releaseInstant.date)
        #expect(stillRefused?.cause == .payeesWithoutInstructions(["burnham-hill"]))
        #expect(harness.state.ledger.held == usd("7999999.98"))
    }

    @Test("Percentages that with the fixed payments exceed the aggregate are refused with the line and clause")
    func percentagesAboveAggregateRefused() throws {
        #expect {
            _ = try Self.terms(Self.incentiveFee(percent: "95", rounding: "down"))
        } throws: { error in
            let message = "\(error)"
            return message.contains("disbursement.percentagePayments")
                && message.contains("the fixed and percentage payments total USD 8,183,499.98, more than the aggregate subscription USD 7,999,999.98")
                && message.contains("1.5(b)")
        }
        #expect {
            _ = try Self.terms(Self.incentiveFee(percent: "7.5%", rounding: "down"))
        } throws: { error in "\(error)".contains("'7.5%' is not a percentage") }
        #expect {
            _ = try Self.terms(Self.incentiveFee(percent: "7.5", rounding: "nearest"))
        } throws: { error in "\(error)".contains("'nearest' is not one of: down, up, halfUp, halfEven") }
    }
}
