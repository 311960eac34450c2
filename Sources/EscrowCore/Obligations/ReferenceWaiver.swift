/// The 2005 Omnibus Consent and Waiver (Exhibit B, with Schedule A) in the obligation file format.
///
/// Kept in the library, not only in `examples/nir-waiver-2005.yaml`, so the commands and the
/// tests run the reference waiver from any working directory. A test checks that this text and
/// the example file are identical; edit both together.
public enum ReferenceWaiver {
    /// The full YAML text of `examples/nir-waiver-2005.yaml`; parse it with ``ObligationFile``.
    public static let yaml: String = #"""
# Omnibus Consent and Waiver of August 18, 2005 between ROO Group, Inc. and the NIR Group
# holders (Exhibit B to the escrow agreement of August 19, 2005), with its Schedule A, as data.
#
# The format is described in docs/obligations-format.md. Comments cite the item each value
# comes from; "Schedule A 1" and "Schedule A 2" are the two parts of the prepayment.

# The instrument numbers its paragraphs 1 to 11 and its refusals cite them as "item 5";
# Schedule A's parts are cited as written.
numberedClausesAs: item

instrument:
  id: nir-waiver-2005
  title: Omnibus Consent and Waiver
  # Preamble: "dated as of August 18, 2005". Every span "of the date hereof" counts from it.
  dated: 2005-08-18
  currency: USD

# Item 10: New York law; business days are New York banking days.
calendar:
  timeZone: America/New_York
  cutoff: end-of-day
  extraClosures: []

# The escrow agreement's 1.2 and 1.7 wait for this waiver (condition nir-waiver); the
# company may direct the 1.6 remainder to pay Schedule A 1.
escrow:
  id: roo-group-2005
  condition: nir-waiver
  remainderClause: "1.6"

parties:
  - {id: company, name: "ROO Group, Inc.", role: company}
  - {id: ajw-offshore, name: "AJW Offshore, Ltd.", role: holder}
  - {id: ajw-qualified, name: "AJW Qualified Partners, LLC", role: holder}
  - {id: ajw-partners, name: "AJW Partners, LLC", role: holder}
  - {id: new-millennium, name: "New Millennium Capital Partners II, LLC", role: holder}

# Item 5: the corporate acts the Company may complete, either of which performs it.
acts:
  - {id: reverseSplit, title: "Reverse split of the outstanding common stock"}
  - {id: authorizedShareIncrease, title: "Increase in the number of authorized shares of common stock"}

# The Holders' warrants: the 2004 and 2005 Warrants they hold (item 4 restricts them) and the
# Prepayment Warrants Schedule A 2 issues.
warrantSeries:
  - {id: existing, title: "2004 and 2005 Warrants"}
  - {id: prepayment, title: "Prepayment Warrants", issuedBy: prepayment-warrants}

obligations:
  # Schedule A 1: "$3,400,000 ... cash within five (5) business days of the date of this
  # Consent and Waiver" (2005-08-25).
  - id: prepayment-cash
    clause: "Schedule A 1"
    title: "Payment of $3,400,000 cash to the Holders in settlement of the Optional Prepayment Sum"
    from: [company]
    to: [holders]
    kind: payment
    amount: "3400000.00"
    due: {businessDaysAfterDated: 5}
    consequence: {kind: flag}
    payableFromEscrowRemainder: true

  # Item 8: the waiver terminates and is void if the Optional Prepayment is not completed
  # within ten (10) business days of its date (2005-09-01). Schedule A 1's payment completes it.
  - id: prepayment-complete
    clause: "8"
    title: "Completion of the Optional Prepayment"
    from: [company]
    to: [holders]
    kind: delivery
    item: "the Optional Prepayment"
    due: {businessDaysAfterDated: 10}
    consequence: {kind: terminate, instrument: "Consent and Waiver"}
    satisfiedBy: prepayment-cash

  # Item 5: a reverse split or an increase in authorized shares within 75 days (2005-11-01),
  # else "$2,000 for every seven day period until" one of them is completed.
  - id: reverse-split
    clause: "5"
    title: "Reverse split of the outstanding common stock or increase in authorized shares"
    from: [company]
    to: [holders]
    kind: corporateAct
    acts: [reverseSplit, authorizedShareIncrease]
    due: {daysAfterDated: 75}
    consequence: {kind: penalty, amount: "2000.00", everyDays: 7}

  # Schedule A 2: warrants for 3,000,000 shares at $0.03, issued within five business days
  # after the split or increase, exercisable for five years after issue.
  - id: prepayment-warrants
    clause: "Schedule A 2"
    title: "Issuance of the Prepayment Warrants"
    from: [company]
    to: [holders]
    kind: issuance
    security: "Prepayment Warrants"
    shares: 3000000
    exercisePrice: "0.03"
    exercisableYears: 5
    due: {businessDaysAfter: reverse-split, days: 5}
    consequence: {kind: flag}

restrictions:
  # Item 3: the share-reservation requirement is waived from the date hereof until the
  # earlier of the Prepayment's completion and ten business days (2005-09-01).
  - id: reservation-waiver
    clause: "3"
    title: "Waiver of the requirement to reserve shares for full conversion and exercise"
    parties: [company]
    kind: waivedRequirement
    untilPerformed: prepayment-cash
    orBusinessDaysAfterDated: 10

  # Item 4: no exercise of the Warrants until the split or increase.
  - id: no-warrant-exercise
    clause: "4"
    title: "The Holders will not exercise any of the Warrants until the reverse split or increase"
    parties: [holders]
    kind: noWarrantExercise
    series: [existing]
    refusal: "the Holders will not exercise any of the Warrants until the Company completes a reverse split or increases its authorized shares, which it has not"
    untilPerformed: reverse-split

  # Item 7: no conversion of the Notes before the Optional Prepayment Date.
  - id: no-conversion
    clause: "7"
    title: "The Holders will not convert any portion of the Notes before the Optional Prepayment Date"
    parties: [holders]
    kind: noConversion
    refusal: "the Holders will not convert any portion of the Notes before the Optional Prepayment Date"
    untilPerformed: prepayment-cash

provisions:
  - {clause: "1", text: "The Holders consent to the Private Placement."}
  - {clause: "2", text: "Schedule A sets the consideration in full and final settlement of the Optional Prepayment Sum."}
  - {clause: "6", text: "The Holders waive prior written notice of an Optional Prepayment."}
  - {clause: "9", text: "Except as expressly agreed, the Purchase Agreements, Notes and Warrants remain in full force and effect."}
  - {clause: "10", text: "New York law governs, without regard to conflict of laws rules."}
  - {clause: "11", text: "Counterparts, each an original, together one Consent and Waiver."}

# Item 5's "$2,000 for every seven day period": wholePeriods counts the periods elapsed,
# periodsBegun every period begun. The other reading is always shown beside this one.
damagesReading: wholePeriods

"""#
}

extension Identifier where Kind == CorporateActKind {
    /// The reference waiver's reverse split of the outstanding common stock (item 5).
    public static var reverseSplit: Self { "reverseSplit" }
    /// The reference waiver's increase in authorized shares (item 5).
    public static var authorizedShareIncrease: Self { "authorizedShareIncrease" }
}

extension Identifier where Kind == WarrantSeriesKind {
    /// The reference waiver's 2004 and 2005 Warrants, which item 4 restricts.
    public static var existing: Self { "existing" }
    /// The reference waiver's Prepayment Warrants of Schedule A 2.
    public static var prepayment: Self { "prepayment" }
}
