public import EscrowCore
import Foundation

/// An escrow agreement generated from a seed in the agreement file format: the reference
/// deal's shape with its terms varied (how many purchasers, what each subscribes, the fees,
/// the agreement date and the refund deadline).
public struct GeneratedAgreement: Sendable {
    /// The agreement file's text, as `escrow create --agreement` would read it.
    public var yaml: String
    /// The purchasers' ids, in order.
    public var purchasers: [PartyID]
    /// Every party's id, in the file's order.
    public var parties: [PartyID]
    /// Each purchaser's subscription, in minor units.
    public var subscriptionsMinorUnits: [Int64]
    /// The agreement's date, from which the refund deadline is counted.
    public var dated: CivilDate

    /// Generates the terms from `random`.
    init(_ random: inout SeededGenerator) {
        let purchaserCount = random.int(1...5)
        purchasers = (1...purchaserCount).map { PartyID("purchaser-\($0)") }
        var shares: [Int64] = []
        for _ in purchasers { shares.append(Int64(random.int(1_000...50_000_000))) }
        // $0.03 a share, as in the reference deal: every amount is whole cents.
        subscriptionsMinorUnits = shares.map { $0 * 3 }
        let totalMinorUnits = subscriptionsMinorUnits.reduce(0, +)
        // The fixed payments come out of the proceeds: together at most a tenth of them.
        let feeCap = max(totalMinorUnits / 30, 3)
        let fees = (0..<3).map { _ in Int64(random.int(1...Int(feeCap))) }
        let year = random.int(1995...2090)
        let month = random.int(1...12)
        let day = random.int(1...28)
        // Days 1 to 28 exist in every month; the reference deal's date stands in should one not.
        dated = CivilDate(year: year, month: month, day: day) ?? CivilDate(instant: Date(timeIntervalSince1970: 1_124_452_800), timeZoneIdentifier: "UTC")
        let refundDays = random.int(2...20)
        parties = [PartyID("company"), PartyID("escrow-agent"), PartyID("sichenzia"), PartyID("burnham-hill"), PartyID("nir-group")]
            + purchasers

        func money(_ minorUnits: Int64) -> String {
            let cents = minorUnits % 100
            return "\(minorUnits / 100).\(cents < 10 ? "0" : "")\(cents)"
        }
        let purchaserLines = purchasers.map { "  - {id: \($0), name: \"Purchaser \($0.rawValue.dropFirst("purchaser-".count))\", role: purchaser}" }
        let subscriptionLines = zip(purchasers, zip(shares, subscriptionsMinorUnits)).map { purchaser, pair in
            "  - {purchaser: \(purchaser), shares: \(pair.0), amount: \"\(money(pair.1))\"}"
        }
        yaml = """
            agreement:
              id: simulated
              title: Escrow Agreement
              dated: \(dated)
              currency: USD
            calendar:
              timeZone: America/New_York
              cutoff: end-of-day
              extraClosures: []
            parties:
              - {id: company, name: "Company", role: company}
              - {id: escrow-agent, name: "Escrow Agent", role: escrowAgent}
              - {id: sichenzia, name: "Counsel", role: feePayee}
              - {id: burnham-hill, name: "Placement Agent", role: feePayee}
              - {id: nir-group, name: "Noteholders", role: thirdParty}
            \(purchaserLines.joined(separator: "\n"))
            offering:
              security: "Common stock"
              shares: \(shares.reduce(0, +))
              pricePerShare: "0.03"
              total: "\(money(totalMinorUnits))"
            subscriptions:
            \(subscriptionLines.joined(separator: "\n"))
            depositInstructions:
              bank: "Citibank, N.A."
              bankAddress: "666 Fifth Avenue, New York, NY 10103"
              routingNumber: "021000089"
              accountName: "Escrow Account"
              accountNumber: "37317968"
              reference: "Simulated"
            conditions:
              - {id: subscription-funds, kind: subscriptionFunds, title: "Subscription amounts", clause: "1.2"}
              - {id: nir-waiver, kind: document, title: "NIR Waiver", from: [nir-group], clause: "1.2"}
              - {id: counterpart-signature-pages, kind: counterparts, title: "Counterpart signature pages", from: [company, purchasers], clause: "1.2"}
            releaseInstrument:
              title: Release Notice
              clause: "1.4, Exhibit A"
              signers: [company, purchasers]
              text: "The undersigned notify the Escrow Agent that the conditions are satisfied."
            disbursement:
              fixedPayments:
                - {payee: escrow-agent, amount: "\(money(fees[0]))", purpose: "Agent fee", clause: "1.5"}
                - {payee: sichenzia, amount: "\(money(fees[1]))", purpose: "Counsel fee", clause: "1.5"}
                - {payee: burnham-hill, amount: "\(money(fees[2]))", purpose: "Placement fee", clause: "1.5"}
              remainder: {payee: company, clause: "1.6"}
            refund:
              unless: nir-waiver
              businessDaysAfterAgreementDate: \(refundDays)
              clause: "1.7"
            """
    }
}
