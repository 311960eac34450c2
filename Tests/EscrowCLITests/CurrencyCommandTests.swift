import EscrowCore
import Foundation
import Testing

/// Amounts on the command line are in the escrow's currency, whatever the agreement names.
@Suite("currency of command-line amounts")
struct CurrencyCommandTests {
    /// The minimal agreement of docs/agreement-format.md, in `currency`, for `amount`.
    static func agreement(currency: String, amount: String) -> String {
        """
        agreement: {id: test-deal, title: Test Escrow, dated: 2005-08-19, currency: \(currency)}
        parties:
          - {id: company, name: "Issuer, Inc.", role: company}
          - {id: agent, name: Agent LLP, role: escrowAgent}
          - {id: buyer-1, name: Buyer 1, role: purchaser}
        subscriptions:
          - {purchaser: buyer-1, amount: "\(amount)"}
        depositInstructions: {bank: Bank, routingNumber: "021000089", accountName: Escrow, accountNumber: "1", reference: Test}
        conditions:
          - {id: funds, kind: subscriptionFunds, title: Funds, clause: "1.2"}
        releaseInstrument: {title: Release Notice, clause: "1.4", signers: [company, purchasers], text: Release the funds.}
        disbursement:
          fixedPayments: []
          remainder: {payee: company, clause: "1.6"}

        """
    }

    @Test(
        "1.1: a deposit into an escrow held in another currency than USD is recorded in that currency",
        arguments: [
            ("EUR", "100.00", "EUR 100.00"),
            ("JPY", "100", "JPY 100"),
            ("KWD", "100.125", "KWD 100.125"),
        ])
    func depositInTheEscrowsCurrency(currency: String, amount: String, shown: String) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let file = try workspace.write(Self.agreement(currency: currency, amount: amount), to: "test-deal.yaml")
        let created = try await workspace.escrow(["create", "--agreement", file], now: "2005-08-19T09:00:00-04:00")
        #expect(created.status == 0, "\(created)")
        #expect(created.lines.first?.hasSuffix("subscriptions total \(shown)") == true, "\(created)")

        let deposit = try await workspace.escrow(
            ["deposit", "--from", "buyer-1", "--amount", amount, "--reference", "W1"], now: "2005-08-22T09:00:00-04:00")
        // Command-line amounts are read in the escrow's own currency.
        #expect(deposit.status == 0, "\(deposit)")
        #expect(deposit.lines.first == "#2 2005-08-22T09:00:00-04:00 [1.1, 1.3] deposit D1 of \(shown) from Buyer 1, wire W1")
        // The only condition is the subscription funds, so the 1.2 advice follows at once.
        #expect(deposit.lines.last == "#3 2005-08-22T09:00:00-04:00 [1.2] advised Issuer, Inc., Buyer 1 that \(shown) is received; every condition is in")
    }
}
