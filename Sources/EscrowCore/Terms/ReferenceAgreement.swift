/// The 2005 ROO Group escrow agreement (the reference deal) in the agreement file format.
///
/// Kept in the library, not only in `examples/roo-group-2005.yaml`, so `escrow demo` and the
/// tests run the reference deal from any working directory. A test checks that this text and
/// the example file are identical; edit both together.
public enum ReferenceAgreement {
    /// The full YAML text of `examples/roo-group-2005.yaml`; parse it with ``AgreementFile``.
    public static let yaml: String = #"""
# Escrow Agreement of August 19, 2005 among ROO Group, Inc., the purchasers signatory to it,
# and Kramer Levin Naftalis & Frankel LLP as escrow agent (filed as Exhibit 10.3), as data.
#
# The format is described in docs/agreement-format.md. Comments cite the clause each value
# comes from; "Exhibit B" is the form of NIR Waiver attached to the agreement.

agreement:
  id: roo-group-2005
  title: Escrow Agreement
  # Preamble: "made as of August 19, 2005". Clause 1.7 counts business days from this date.
  dated: 2005-08-19
  currency: USD

# Deadlines fall on New York business days (2.6: New York law, courts in Manhattan).
calendar:
  timeZone: America/New_York
  cutoff: end-of-day
  extraClosures: []

parties:
  # Preamble: "ROO Group, Inc., a Delaware corporation (the "Company")".
  - id: company
    name: "ROO Group, Inc."
    role: company

  # Preamble: the "Escrow Agent". Also paid $15,000 out of the proceeds under 1.5.
  - id: escrow-agent
    name: "Kramer Levin Naftalis & Frankel LLP"
    role: escrowAgent
    address: "1177 Avenue of the Americas, New York, New York 10036"

  # 1.5: paid $48,500 out of the proceeds.
  - id: sichenzia
    name: "Sichenzia Ross Friedman Ference LLP"
    role: feePayee

  # 1.5: "the placement agent for the offering of the Shares", paid $520,000 as its fee.
  - id: burnham-hill
    name: "Burnham Hill Partners, a division of Pali Capital, Inc."
    role: feePayee

  # Recitals and Exhibit B: the holders of the company's convertible notes, who deliver the
  # NIR Waiver: AJW Offshore, Ltd., AJW Qualified Partners, LLC, AJW Partners, LLC and
  # New Millennium Capital Partners II, LLC.
  - id: nir-group
    name: "NIR Group"
    role: thirdParty

  # Preamble: "the purchasers signatory hereto". The filed copy leaves the purchasers'
  # signature pages blank, so they are numbered here.
  - {id: purchaser-1, name: "Purchaser 1", role: purchaser}
  - {id: purchaser-2, name: "Purchaser 2", role: purchaser}
  - {id: purchaser-3, name: "Purchaser 3", role: purchaser}
  - {id: purchaser-4, name: "Purchaser 4", role: purchaser}

# Recitals: shares of common stock, par value $.0001; Exhibit B, recitals: a private placement
# "of up to 266,666,666 shares ... at a purchase price of $0.03 per share".
offering:
  security: "Common stock of ROO Group, Inc., par value $.0001 per share"
  shares: 266666666
  pricePerShare: "0.03"
  total: "7999999.98"

# 1.2: "the aggregate subscription amounts". Each amount is shares times $0.03.
subscriptions:
  - {purchaser: purchaser-1, shares: 100000000, amount: "3000000.00"}
  - {purchaser: purchaser-2, shares: 83333333, amount: "2499999.99"}
  - {purchaser: purchaser-3, shares: 50000000, amount: "1500000.00"}
  - {purchaser: purchaser-4, shares: 33333333, amount: "999999.99"}

# 1.3: "Wire transfers to the Escrow Agent shall be made as follows".
depositInstructions:
  bank: "Citibank, N.A."
  bankAddress: "666 Fifth Avenue, New York, NY 10103"
  routingNumber: "021000089"
  accountName: "Kramer Levin Naftalis & Frankel LLP IOLA Account"
  accountNumber: "37317968"
  reference: "Roo Group, Inc."

# 1.2: what must be in before the escrow agent advises the company and the purchasers of
# the funds received (and, by 1.4, before the Release Notice is delivered).
conditions:
  - id: subscription-funds
    kind: subscriptionFunds
    title: "Aggregate subscription amounts in the master escrow account"
    clause: "1.2"
  - id: nir-waiver
    kind: document
    title: "NIR Waiver (Exhibit B)"
    from: [nir-group]
    clause: "1.2"
  - id: counterpart-signature-pages
    kind: counterparts
    title: "Counterpart signature pages of the Transaction Documents"
    from: [company, purchasers]
    clause: "1.2"
  - id: closing-documents
    kind: document
    title: "Closing documents required under Article IV of the Purchase Agreement"
    from: [company]
    clause: "1.2"

# 1.4 and Exhibit A: the Release Notice, "not effective until executed by the Company and
# the Purchasers", in counterparts. The text is Exhibit A's operative text with the filed
# copy's spacing normalized.
releaseInstrument:
  title: Release Notice
  clause: "1.4, Exhibit A"
  signers: [company, purchasers]
  text: >-
    The UNDERSIGNED, pursuant to the Escrow Agreement, dated as of August 19, 2005 among
    the Company, the Purchasers signatory thereto and Kramer Levin Naftalis & Frankel LLP,
    as Escrow Agent (the "Escrow Agreement"; capitalized terms used herein and not defined
    shall have the meaning ascribed to such terms in the Escrow Agreement), hereby notify
    the Escrow Agent that each of the conditions precedent to the purchase and sale of the
    Shares have been satisfied. The Company hereby confirms that all of its respective
    representations and warranties contained in the Purchase Agreement remain true and
    correct and authorize the release by the Escrow Agent of the funds to be released as
    described in the Escrow Agreement. This Release Notice shall not be effective until
    executed by the Company and the Purchasers.

    This Release Notice may be signed in one or more counterparts, each of which shall be
    deemed an original.

# 1.5: on the executed Release Notice the proceeds are wired "net of $15,000 to Kramer Levin
# Naftalis & Frankel LLP, $48,500 to Sichenzia Ross Friedman Ference LLP and $520,000
# payable to Burnham Hill Partners ... as its fee"; 1.6: the rest to the company per its
# written instructions.
disbursement:
  fixedPayments:
    - payee: escrow-agent
      amount: "15000.00"
      purpose: "Payment to Kramer Levin Naftalis & Frankel LLP out of the proceeds"
      clause: "1.5"
    - payee: sichenzia
      amount: "48500.00"
      purpose: "Payment to Sichenzia Ross Friedman Ference LLP out of the proceeds"
      clause: "1.5"
    - payee: burnham-hill
      amount: "520000.00"
      purpose: "Placement agent fee"
      clause: "1.5"
  remainder:
    payee: company
    clause: "1.6"

# 1.7: if the NIR Waiver is not received within ten business days of the agreement date,
# the subscription proceeds go back to each purchaser per its written wire instructions.
refund:
  unless: nir-waiver
  businessDaysAfterAgreementDate: 10
  clause: "1.7"

# How this agreement numbers the rules the engine runs, so every refusal, timeline line,
# payment and notice cites its own clauses (docs/agreement-format.md). The agreement has no
# clause for the escrow desk's controls against wire fraud, so deskControl is left out and
# cited in words ("desk control").
clauses:
  escrowAccount: "1.1"
  advice: "1.2"
  depositInstructions: "1.3"
  releaseInstrument: "1.4"
  releaseInstrumentForm: "Exhibit A"
  release: "1.5"
  remainder: "1.6"
  refund: "1.7"
  deadlineExtensions: "2.1"
  notices: "2.2"
  amendments: "2.4"
  agentDuties: "2.7"
  reliance: "2.8"
  warnings: "2.9"
  courtOrders: "2.9"
  genuineness: "2.10"
  counselCosts: "2.11"
  resignation: "2.12"
  succession: "2.12"
  furtherInstruments: "2.13"
  dispute: "2.14"

"""#
}
