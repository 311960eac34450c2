import Foundation

/// Small agreements for the model pass of `escrow check`: one sound, and broken ones made from
/// it by changing a line or two, each with a fault only the exploration can see (the shape
/// and terms passes accept them all).
enum ModelCheckFixtures {
    /// One buyer, one seller, a lender's commitment letter, a broker's commission, and the
    /// deposit back to the buyer if the letter is not in within 5 business days.
    static let sound = """
        agreement:
          id: small-2024
          title: Small Escrow Agreement
          dated: 2024-03-01
          currency: USD
        calendar:
          timeZone: America/New_York
          cutoff: end-of-day
          extraClosures: []
        parties:
          - {id: seller, name: "Seller Co", role: company}
          - {id: agent, name: "Agent LLP", role: escrowAgent}
          - {id: buyer, name: "Buyer", role: purchaser}
          - {id: lender, name: "Lender Bank", role: thirdParty}
          - {id: broker, name: "Broker Realty", role: feePayee}
        subscriptions:
          - {purchaser: buyer, amount: "1000.00"}
        depositInstructions:
          bank: "First Bank"
          routingNumber: "021000089"
          accountName: "Agent LLP Trust Account"
          accountNumber: "5500123456"
          reference: "Small"
        conditions:
          - {id: funds, kind: subscriptionFunds, title: "Deposit in", clause: "3(a)"}
          - {id: commitment, kind: document, title: "Commitment letter", from: [lender], clause: "3(b)"}
        releaseInstrument:
          title: Settlement Statement
          clause: "4"
          signers: [seller, buyer]
          text: "The Buyer and the Seller direct the Agent to disburse the deposit."
        disbursement:
          fixedPayments:
            - {payee: broker, amount: "100.00", purpose: "Commission", clause: "5(a)"}
          remainder: {payee: seller, clause: "5(b)"}
        refund:
          unless: commitment
          businessDaysAfterAgreementDate: 5
          clause: "6"
        clauses:
          escrowAccount: "2"
          advice: "3"
          releaseInstrument: "4"
          release: "5"
          remainder: "5(b)"
          refund: "6"
          dispute: "7"

        """

    /// The rest goes to the lender, a third party paid nothing else, which may give no wire
    /// instructions: once the letter is in, the deposit can neither be released nor refunded.
    static let remainderToThirdParty = sound.replacingOccurrences(
        of: "remainder: {payee: seller, clause: \"5(b)\"}", with: "remainder: {payee: lender, clause: \"5(b)\"}")

    /// The broker's commission is the whole deposit: the seller's remainder is never paid.
    static let commissionTakesAll = sound.replacingOccurrences(
        of: "{payee: broker, amount: \"100.00\"", with: "{payee: broker, amount: \"1000.00\"")

    /// The refund deadline is the agreement date at midnight, before anyone can wire.
    static let deadlineBeforeFunding = sound
        .replacingOccurrences(of: "cutoff: end-of-day", with: "cutoff: \"00:00\"")
        .replacingOccurrences(of: "businessDaysAfterAgreementDate: 5", with: "businessDaysAfterAgreementDate: 0")
}
